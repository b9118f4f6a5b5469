package io.tillsync.conflicts.ui;

import io.tillsync.backoffice.MenuCount;
import io.tillsync.conflicts.ConflictQueries;
import io.tillsync.security.CurrentUser;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/** The conflicts waiting in the signed-in user's branches, beside Conflicts in the menu. */
@Component
class OpenConflictsCount implements MenuCount {

    private final ConflictQueries conflicts;
    private final CurrentUser user;

    OpenConflictsCount(ConflictQueries conflicts, CurrentUser user) {
        this.conflicts = conflicts;
        this.user = user;
    }

    @Override
    public String path() {
        return "conflicts";
    }

    @Override
    public OptionalLong count() {
        return user.scope().isEmpty() ? OptionalLong.empty() : OptionalLong.of(conflicts.backlog().open());
    }
}
