package io.tillsync.security;

import io.tillsync.catalog.Branch;
import io.tillsync.catalog.CatalogService;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The branches the signed-in user may pick in a filter: all for an admin, the assigned ones for a manager. */
@Service
public class ScopedBranches {

    private final CatalogService catalog;
    private final CurrentUser currentUser;

    ScopedBranches(CatalogService catalog, CurrentUser currentUser) {
        this.catalog = catalog;
        this.currentUser = currentUser;
    }

    @Transactional(readOnly = true)
    public List<Branch> visible() {
        UserScope scope = currentUser.require();
        return catalog.allBranches().stream().filter(b -> scope.mayAccess(b.getId())).toList();
    }
}
