package io.tillsync.health;

import io.tillsync.base.Db;
import io.tillsync.base.Where;
import io.tillsync.sales.SalesActivity;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-minute sync and sales activity of the user's branches for the dashboard. Both queries
 * range over an indexed time column first (sync_requests.received_at here, the sales' own through
 * {@link SalesActivity}), so their cost follows the last hour's traffic, not the table size.
 */
@Service
public class SyncActivityService {

    public static final int MINUTES = 60;

    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final SalesActivity sales;
    private final Clock clock;

    SyncActivityService(NamedParameterJdbcTemplate jdbc, CurrentUser currentUser, SalesActivity sales, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.sales = sales;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public SyncActivity lastHour() {
        UserScope scope = currentUser.require();
        Instant until = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant from = until.minus(Duration.ofMinutes(MINUTES));
        long[] requests = new long[MINUTES];
        long[] failed = new long[MINUTES];
        long[] items = new long[MINUTES];
        long[] conflicts = new long[MINUTES];
        Where where = scope.restrict(new Where(), "branch_id", null).and("received_at >= :from", "from", Db.ts(from))
                .and("received_at < :until", "until", Db.ts(until));
        if (where.matchesNothing()) {
            return new SyncActivity(until, requests, failed, items, conflicts, new long[MINUTES]);
        }
        jdbc.query("""
                SELECT TIMESTAMPDIFF(MINUTE, :from, received_at) AS minute, COUNT(*) AS requests,
                       SUM(CASE WHEN http_status >= 400 OR failed_count > conflict_count THEN 1 ELSE 0 END) AS failed,
                       SUM(total_items) AS items, SUM(conflict_count) AS conflicts
                FROM sync_requests""" + where.sql() + " GROUP BY minute", where.params(), rs -> {
            int m = rs.getInt("minute");
            if (m >= 0 && m < MINUTES) {
                requests[m] = rs.getLong("requests");
                failed[m] = rs.getLong("failed");
                items[m] = rs.getLong("items");
                conflicts[m] = rs.getLong("conflicts");
            }
        });
        return new SyncActivity(until, requests, failed, items, conflicts,
                sales.salesPerMinute(from, MINUTES, scope.branchesWithin(null)));
    }
}
