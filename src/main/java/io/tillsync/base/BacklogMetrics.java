package io.tillsync.base;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What waits for people, as Prometheus gauges for alerting: open conflicts and the age of the
 * oldest, sale numbers missing past their branch's grace period, tills offline past their
 * branch's limit. The same figures for the whole database on every node: alert on max().
 */
@Component
class BacklogMetrics {

    private final JdbcTemplate jdbc;
    private volatile double openConflicts = Double.NaN;
    private volatile double heldConflicts = Double.NaN;
    private volatile double oldestOpenConflictAge = Double.NaN;
    private volatile double missingNumbers = Double.NaN;
    private volatile double offlineDevices = Double.NaN;

    BacklogMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        Gauge.builder("tillsync.conflicts.open", () -> openConflicts).description("Conflicts waiting for a person").register(registry);
        Gauge.builder("tillsync.conflicts.held", () -> heldConflicts)
                .description("Conflicts held open by policy until something arrives (a void before its sale)").register(registry);
        Gauge.builder("tillsync.conflicts.open.oldest.age", () -> oldestOpenConflictAge).baseUnit("seconds")
                .description("Age of the oldest conflict waiting for a person (0 when none)").register(registry);
        Gauge.builder("tillsync.sequence.gaps.missing", () -> missingNumbers)
                .description("Sale numbers of the last two days that never arrived although later ones did, past the grace period")
                .register(registry);
        Gauge.builder("tillsync.devices.offline", () -> offlineDevices)
                .description("Active tills not seen for longer than their branch's offline limit").register(registry);
    }

    @Scheduled(fixedDelayString = "${tillsync.metrics.backlog-refresh:60s}", initialDelayString = "${tillsync.metrics.backlog-refresh:60s}")
    void refresh() {
        try {
            jdbc.query("SELECT COALESCE(SUM(status = 'open'), 0), COALESCE(SUM(status = 'held'), 0),"
                    + " COALESCE(TIMESTAMPDIFF(SECOND, MIN(IF(status = 'open', created_at, NULL)), UTC_TIMESTAMP(6)), 0)"
                    + " FROM offline_conflicts WHERE status IN ('open', 'held')", rs -> {
                openConflicts = rs.getDouble(1);
                heldConflicts = rs.getDouble(2);
                oldestOpenConflictAge = rs.getDouble(3);
            });
            missingNumbers = jdbc.queryForObject("""
                    SELECT COALESCE(SUM(t.top - t.seen), 0) FROM (
                      SELECT n.device_pk, MAX(n.seq_no) top, COUNT(*) seen, MAX(n.received_at) last_at
                      FROM device_sequence_numbers n
                      WHERE n.seq_day >= DATE_SUB(UTC_DATE(), INTERVAL 1 DAY)
                      GROUP BY n.device_pk, n.seq_day) t
                    JOIN devices d ON d.id = t.device_pk JOIN branches b ON b.id = d.branch_id
                    WHERE d.status = 'ACTIVE' AND t.top > t.seen
                      AND t.last_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL b.gap_grace_minutes MINUTE)""", Double.class);
            offlineDevices = jdbc.queryForObject("""
                    SELECT COUNT(*) FROM devices d JOIN branches b ON b.id = d.branch_id
                    WHERE d.status = 'ACTIVE' AND d.last_seen_at IS NOT NULL
                      AND d.last_seen_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL b.offline_after_minutes MINUTE)""", Double.class);
        } catch (DataAccessException e) {
            // the database is away: keep the last figures; tillsync_db_reachable says why
        }
    }
}
