package io.tillsync.sales;

import io.tillsync.base.Db;
import io.tillsync.base.Where;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sales counted for watching the system rather than for reading them: how many the tills made per
 * minute, and how many the tills sent again after a restore. Each reads a short window of till
 * time on its index, so its cost follows the traffic, not the table's size.
 */
@Service
public class SalesActivity {

    /** A till keeps its acknowledged sales 7 days (the contract's resend window); a day more covers clock skew. */
    private static final Duration JOURNAL_WINDOW = Duration.ofDays(8);

    private final NamedParameterJdbcTemplate jdbc;

    SalesActivity(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Sales per minute by the tills' clocks from {@code from} on, index 0 first; {@code branchIds} null for all branches. */
    @Transactional(readOnly = true)
    public long[] salesPerMinute(Instant from, int minutes, List<Long> branchIds) {
        long[] sales = new long[minutes];
        Where where = new Where().and("created_at_device >= :from", "from", Db.ts(from))
                .and("created_at_device < :until", "until", Db.ts(from.plus(Duration.ofMinutes(minutes))))
                .in("branch_id", "branches", branchIds);
        if (where.matchesNothing()) {
            return sales;
        }
        jdbc.query("SELECT TIMESTAMPDIFF(MINUTE, :from, created_at_device) AS minute, COUNT(*) AS sales FROM transactions"
                + where.sql() + " GROUP BY minute", where.params(), rs -> {
            int m = rs.getInt("minute");
            if (m >= 0 && m < minutes) {
                sales[m] = rs.getLong("sales");
            }
        });
        return sales;
    }

    /**
     * Per till, the sales booked after a restore that were made before it: what the tills refilled
     * from their journals.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public Map<String, Long> refilledAfter(Instant restoredAt) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT device_id, COUNT(*) AS sales FROM transactions WHERE created_at_device >= :from AND created_at_device < :at "
                        + "AND received_at > :at GROUP BY device_id",
                Map.of("from", Db.ts(restoredAt.minus(JOURNAL_WINDOW)), "at", Db.ts(restoredAt)),
                rs -> {
                    counts.put(rs.getString("device_id"), rs.getLong("sales"));
                });
        return counts;
    }
}
