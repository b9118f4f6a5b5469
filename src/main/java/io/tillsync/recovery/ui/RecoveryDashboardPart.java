package io.tillsync.recovery.ui;

import io.tillsync.base.ui.DashboardPart;
import io.tillsync.recovery.Backups;
import io.tillsync.recovery.RecoveryStatus;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserScope;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Backups and restores on the dashboard, for an admin only: a manager's dashboard has no use for them. */
@Component
record RecoveryDashboardPart(CurrentUser user, RecoveryStatus status, Backups backups) implements DashboardPart {

    @Override
    public Optional<Section> create() {
        return user.scope().filter(UserScope::admin).map(s -> new RecoveryPanel(status, backups));
    }
}
