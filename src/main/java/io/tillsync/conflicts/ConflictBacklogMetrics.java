package io.tillsync.conflicts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The conflicts that wait for people, as Prometheus gauges for alerting: how many, how many a
 * policy holds, and the age of the oldest. The same figures for the whole database on every node:
 * alert on max().
 */
@Component
class ConflictBacklogMetrics {

    private final JdbcTemplate jdbc;
    private volatile double open = Double.NaN;
    private volatile double held = Double.NaN;
    private volatile double oldestOpenAge = Double.NaN;

    ConflictBacklogMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        Gauge.builder("tillsync.conflicts.open", () -> open).description("Conflicts waiting for a person").register(registry);
        Gauge.builder("tillsync.conflicts.held", () -> held)
                .description("Conflicts held open by policy until something arrives (a void before its sale)").register(registry);
        Gauge.builder("tillsync.conflicts.open.oldest.age", () -> oldestOpenAge).baseUnit("seconds")
                .description("Age of the oldest conflict waiting for a person (0 when none)").register(registry);
    }

    @Scheduled(fixedDelayString = "${tillsync.metrics.backlog-refresh:60s}", initialDelayString = "${tillsync.metrics.backlog-refresh:60s}")
    void refresh() {
        try {
            jdbc.query("SELECT COALESCE(SUM(status = 'open'), 0) AS waiting, COALESCE(SUM(status = 'held'), 0) AS held,"
                    + " COALESCE(TIMESTAMPDIFF(SECOND, MIN(IF(status = 'open', created_at, NULL)), UTC_TIMESTAMP(6)), 0) AS oldest_age"
                    + " FROM offline_conflicts WHERE status IN ('open', 'held')", rs -> {
                open = rs.getDouble("waiting");
                held = rs.getDouble("held");
                oldestOpenAge = rs.getDouble("oldest_age");
            });
        } catch (DataAccessException e) {
            // the database is away: keep the last figures; tillsync_db_reachable says why
        }
    }
}
