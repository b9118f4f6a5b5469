package io.tillsync.recovery.ui;

import io.tillsync.backoffice.DashboardPart;
import io.tillsync.recovery.Backups;
import io.tillsync.recovery.RecoveryStatus;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserScope;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Backups and restores on the dashboard, for an admin only: a manager's dashboard has no use for them. */
@Component
class RecoveryDashboardPart implements DashboardPart {

    private final CurrentUser user;
    private final RecoveryStatus status;
    private final Backups backups;

    RecoveryDashboardPart(CurrentUser user, RecoveryStatus status, Backups backups) {
        this.user = user;
        this.status = status;
        this.backups = backups;
    }

    @Override
    public Optional<Section> create() {
        return user.scope().filter(UserScope::admin).map(s -> new RecoveryPanel(status, backups));
    }
}
