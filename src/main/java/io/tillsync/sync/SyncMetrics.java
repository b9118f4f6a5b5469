package io.tillsync.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sync figures for Prometheus: batches, items by outcome, conflicts by type, latency, each device's last sync. */
@Component
class SyncMetrics {

    private final MeterRegistry registry;
    private final Timer duration;
    private final MultiGauge lastSync;
    private final JdbcTemplate jdbc;

    SyncMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.duration = Timer.builder("tillsync.sync.duration").description("Time to answer a batch-sync request")
                .register(registry);
        this.lastSync = MultiGauge.builder("tillsync.device.last.sync.age").baseUnit("seconds")
                .description("Seconds since each device's last sync").register(registry);
    }

    void batch(String outcome, Duration took) {
        Counter.builder("tillsync.sync.batches").tag("outcome", outcome).register(registry).increment();
        duration.record(took);
    }

    void items(BatchSyncResponse response) {
        for (ItemResult r : response.results()) {
            String outcome = r.error() != null && !r.conflictDetected() ? "error"
                    : r.conflictDetected() ? (r.success() ? "auto_resolved" : "conflict")
                    : r.replayed() ? "replayed" : "booked";
            Counter.builder("tillsync.sync.items").tag("type", r.type()).tag("outcome", outcome).register(registry).increment();
        }
        for (ConflictReport c : response.conflicts()) {
            Counter.builder("tillsync.sync.conflicts").tag("conflict_type", c.conflictType()).tag("reason", c.reason())
                    .register(registry).increment();
        }
    }

    @Scheduled(fixedDelayString = "${tillsync.metrics.device-refresh:30s}", initialDelayString = "${tillsync.metrics.device-refresh:30s}")
    void refreshDeviceGauges() {
        Instant now = Instant.now();
        List<MultiGauge.Row<?>> rows = jdbc.query("SELECT device_id, last_sync_at FROM devices WHERE status = 'ACTIVE' AND last_sync_at IS NOT NULL",
                (rs, i) -> MultiGauge.Row.of(Tags.of("device", rs.getString(1)),
                        Duration.between(io.tillsync.base.Db.instant(rs, 2), now).toSeconds()));
        lastSync.register(rows, true);
    }
}
