package io.tillsync.recovery;

import io.tillsync.base.Db;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The database's epoch as devices see it. Read on every pull, not cached: a restore replaces the row
 * underneath a running node, and a stale epoch would keep tills from resending what the restore lost.
 */
@Component
public class ServerEpoch {

    /** The epoch and, after a restore, the backup's instant (null before any restore). */
    public record Current(String epoch, Instant resendSince) {
    }

    private final JdbcTemplate jdbc;

    ServerEpoch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Current current() {
        return jdbc.queryForObject("SELECT epoch, resend_since FROM server_epoch WHERE id = 1", (rs, n) -> {
            return new Current(rs.getString("epoch"), Db.instant(rs, "resend_since"));
        });
    }
}
