package io.tillsync.recovery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A restore asked for on the command line: {@code --restore=<backup id|latest>} shows the plan,
 * {@code --yes} carries it out (see {@code Application.withShortcuts}). {@code takenAt} is for a
 * database restored by other means (a physical copy with mariadb-backup): nothing is loaded, only a
 * new epoch is made with resend_since at that instant, so the tills resend what the copy lacks.
 */
@ConfigurationProperties("tillsync.restore")
record RestoreSettings(String backup, boolean confirmed, String takenAt) {

    boolean asked() {
        return backup != null && !backup.isBlank();
    }
}
