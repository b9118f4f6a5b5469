package io.tillsync.recovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The nightly backup: taken, verified when the setting asks for it, and old ones pruned. On a
 * cluster only the node named for backups runs it (the others set tillsync.backup.cron to "-").
 */
@Component
class BackupSchedule {

    private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);

    private final Backups backups;
    private final BackupSettings settings;

    BackupSchedule(Backups backups, BackupSettings settings) {
        this.backups = backups;
        this.settings = settings;
    }

    @Scheduled(cron = "${tillsync.backup.cron:-}")
    void run() {
        try {
            BackupManifest taken = backups.takeNow();
            if (settings.verify()) {
                BackupManifest checked = backups.verifyNow(taken.id());
                if (!Boolean.TRUE.equals(checked.verified())) {
                    log.error("The backup {} did not verify: {}", taken.id(), checked.verifyNote());
                }
            }
            int pruned = backups.prune();
            if (pruned > 0) {
                log.info("{} backups older than {} days deleted", pruned, settings.keepDays());
            }
        } catch (Backups.Busy e) {
            log.warn("Scheduled backup skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            // the dashboard shows the backup growing old; the log says why
            log.error("Scheduled backup failed: {}", e.getMessage());
        }
    }
}
