package io.tillsync.recovery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A restore asked for on the command line: {@code --restore=<backup id|latest>} shows the plan,
 * {@code --yes} carries it out (see {@code Application.withShortcuts}).
 */
@ConfigurationProperties("tillsync.restore")
record RestoreSettings(String backup, boolean confirmed) {

    boolean asked() {
        return backup != null && !backup.isBlank();
    }
}
