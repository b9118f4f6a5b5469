package io.tillsync.devices;

import io.tillsync.base.Db;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserScope;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-minute sync and sales activity of the user's branches for the dashboard. Both queries
 * range over an indexed time column first (sync_requests.received_at here, the sales' own through
 * {@link SalesClock}), so their cost follows the last hour's traffic, not the table size.
 */
@Service
public class SyncActivityService {

    public static final int MINUTES = 60;

    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final SalesClock salesClock;

    SyncActivityService(NamedParameterJdbcTemplate jdbc, CurrentUser currentUser, SalesClock salesClock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.salesClock = salesClock;
    }

    @Transactional(readOnly = true)
    public SyncActivity lastHour() {
        UserScope scope = currentUser.require();
        Instant until = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant from = until.minus(Duration.ofMinutes(MINUTES));
        long[] requests = new long[MINUTES];
        long[] failed = new long[MINUTES];
        long[] items = new long[MINUTES];
        long[] conflicts = new long[MINUTES];
        MapSqlParameterSource p = new MapSqlParameterSource("from", Db.ts(from)).addValue("until", Db.ts(until));
        StringBuilder scoped = new StringBuilder();
        if (!scope.restrict("branch_id", null, scoped, p)) {
            return new SyncActivity(until, requests, failed, items, conflicts, new long[MINUTES]);
        }
        String branches = scoped.toString();
        jdbc.query("""
                SELECT TIMESTAMPDIFF(MINUTE, :from, received_at) m, COUNT(*),
                       SUM(CASE WHEN http_status >= 400 OR failed_count > conflict_count THEN 1 ELSE 0 END),
                       SUM(total_items), SUM(conflict_count)
                FROM sync_requests WHERE received_at >= :from AND received_at < :until""" + branches + " GROUP BY m", p, rs -> {
            int m = rs.getInt(1);
            if (m >= 0 && m < MINUTES) {
                requests[m] = rs.getLong(2);
                failed[m] = rs.getLong(3);
                items[m] = rs.getLong(4);
                conflicts[m] = rs.getLong(5);
            }
        });
        return new SyncActivity(until, requests, failed, items, conflicts,
                salesClock.salesPerMinute(from, MINUTES, scope.branchesWithin(null)));
    }
}
