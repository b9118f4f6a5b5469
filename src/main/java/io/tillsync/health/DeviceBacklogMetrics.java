package io.tillsync.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tillsync.catalog.CatalogSql;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the tills leave for people to look into, as Prometheus gauges for alerting: sale numbers
 * missing past their branch's grace period, and tills offline past their branch's limit. The same
 * figures for the whole database on every node: alert on max().
 */
@Component
class DeviceBacklogMetrics {

    private static final String MISSING = """
            SELECT COALESCE(SUM(t.top - t.seen), 0) FROM (
              SELECT n.device_pk, MAX(n.seq_no) top, COUNT(*) seen, MAX(n.received_at) last_at
              FROM device_sequence_numbers n
              WHERE n.seq_day >= DATE_SUB(UTC_DATE(), INTERVAL 1 DAY)
              GROUP BY n.device_pk, n.seq_day) t
            JOIN devices d ON d.id = t.device_pk JOIN %s b ON b.id = d.branch_id
            WHERE d.status = 'ACTIVE' AND t.top > t.seen
              AND t.last_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL b.gap_grace_minutes MINUTE)""".formatted(CatalogSql.BRANCH_HEALTH_SETTINGS);
    private static final String OFFLINE = """
            SELECT COUNT(*) FROM devices d JOIN %s b ON b.id = d.branch_id
            WHERE d.status = 'ACTIVE' AND d.last_seen_at IS NOT NULL
              AND d.last_seen_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL b.offline_after_minutes MINUTE)""".formatted(CatalogSql.BRANCH_HEALTH_SETTINGS);

    private final JdbcTemplate jdbc;
    private volatile double missingNumbers = Double.NaN;
    private volatile double offlineDevices = Double.NaN;

    DeviceBacklogMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        Gauge.builder("tillsync.sequence.gaps.missing", () -> missingNumbers)
                .description("Sale numbers of the last two days that never arrived although later ones did, past the grace period")
                .register(registry);
        Gauge.builder("tillsync.devices.offline", () -> offlineDevices)
                .description("Active tills not seen for longer than their branch's offline limit").register(registry);
    }

    @Scheduled(fixedDelayString = "${tillsync.metrics.backlog-refresh:60s}", initialDelayString = "${tillsync.metrics.backlog-refresh:60s}")
    void refresh() {
        try {
            missingNumbers = jdbc.queryForObject(MISSING, Double.class);
            offlineDevices = jdbc.queryForObject(OFFLINE, Double.class);
        } catch (DataAccessException e) {
            // the database is away: keep the last figures; tillsync_db_reachable says why
        }
    }
}
