package io.tillsync.security;

import io.tillsync.backoffice.SignedInCheck;
import io.tillsync.backoffice.SignedInName;
import io.tillsync.catalog.Branch;
import io.tillsync.catalog.CatalogService;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The back-office user of the current request, read fresh so a disabled user or a changed branch list applies at once. */
@Component
public class CurrentUser implements SignedInName, SignedInCheck {

    private final AppUserRepository users;
    private final CatalogService catalog;

    CurrentUser(AppUserRepository users, CatalogService catalog) {
        this.users = users;
        this.catalog = catalog;
    }

    @Transactional(readOnly = true)
    public Optional<UserScope> scope() {
        return user().map(u -> new UserScope(u.getId(), u.getUsername(), u.getRole(), u.getRole() == Role.ADMIN ? null : u.getBranchIds()));
    }

    /** The name the person was given in Users, such as "Rina Wulandari"; the top bar shows it instead of the login name. */
    @Override
    @Transactional(readOnly = true)
    public Optional<String> fullName() {
        return user().map(AppUser::getDisplayName).filter(name -> !name.isBlank());
    }

    /** A disabled account's open tabs are signed out at their next refresh or heartbeat. */
    @Override
    @Transactional(readOnly = true)
    public boolean stillSignedIn() {
        return user().isPresent();
    }

    private Optional<AppUser> user() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return users.findByUsername(auth.getName()).filter(AppUser::isEnabled);
    }

    public UserScope require() {
        return scope().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Not signed in"));
    }

    /** The branches the user may pick in a filter: all for an admin, the assigned ones for a manager. */
    @Transactional(readOnly = true)
    public List<Branch> visibleBranches() {
        UserScope scope = require();
        return catalog.allBranches().stream().filter(b -> scope.mayAccess(b.id())).toList();
    }
}
