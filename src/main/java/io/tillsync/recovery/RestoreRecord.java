package io.tillsync.recovery;

import io.tillsync.base.Db;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * After the restored schema is migrated: a new server_epoch, so every till notices, with
 * resend_since at the backup's instant, so each resends what it acknowledged since; and a row in
 * server_restores for the back-office's list of tills that have refilled.
 */
record RestoreRecord(String epoch) {

    /**
     * resend_since is this much before the backup's instant: a batch received just before the dump's
     * snapshot began may have committed just after it, so its synced_at is earlier than the backup
     * yet it is not in it. Resending a few minutes more costs only replays.
     */
    static final java.time.Duration IN_FLIGHT = java.time.Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(RestoreRecord.class);

    static RestoreRecord write(Restore.Done done, JdbcTemplate jdbc) {
        String epoch = UUID.randomUUID().toString();
        Instant taken = Instant.parse(done.backup().takenAt());
        Instant since = taken.minus(IN_FLIGHT);
        Instant now = Instant.now();
        int updated = jdbc.update("UPDATE server_epoch SET epoch = ?, resend_since = ? WHERE id = 1", epoch, Db.ts(since));
        if (updated == 0) {
            jdbc.update("INSERT INTO server_epoch (id, epoch, created_at, resend_since) VALUES (1, ?, ?, ?)", epoch, Db.ts(now), Db.ts(since));
        }
        jdbc.update("INSERT INTO server_restores (restored_at, backup_id, backup_taken_at, epoch, replaced_schema) VALUES (?, ?, ?, ?, ?)",
                Db.ts(now), done.backup().id(), Db.ts(taken), epoch, done.replacedSchema());
        log.warn("New server epoch {}: tills resend what they had acknowledged from {} on", epoch, since);
        return new RestoreRecord(epoch);
    }
}
