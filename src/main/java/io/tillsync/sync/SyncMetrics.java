package io.tillsync.sync;

import java.time.Clock;
import io.tillsync.sales.ConflictReport;
import io.tillsync.sales.ItemResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.tillsync.devices.DeviceService;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sync figures for Prometheus: batches, items by outcome, conflicts by type, latency, each device's last sync. */
@Component
class SyncMetrics {

    private final MeterRegistry registry;
    private final Timer duration;
    private final MultiGauge lastSync;
    private final DeviceService devices;
    private final Clock clock;

    SyncMetrics(MeterRegistry registry, DeviceService devices, Clock clock) {
        this.clock = clock;
        this.registry = registry;
        this.devices = devices;
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
            Counter.builder("tillsync.sync.items").tag("type", r.type().wire()).tag("outcome", outcome).register(registry).increment();
        }
        for (ConflictReport c : response.conflicts()) {
            Counter.builder("tillsync.sync.conflicts").tag("conflict_type", c.conflictType()).tag("reason", c.reason())
                    .register(registry).increment();
        }
    }

    @Scheduled(fixedDelayString = "${tillsync.metrics.device-refresh:30s}", initialDelayString = "${tillsync.metrics.device-refresh:30s}")
    void refreshDeviceGauges() {
        Instant now = clock.instant();
        List<MultiGauge.Row<?>> rows = devices.lastSyncTimes().entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("device", e.getKey()), Duration.between(e.getValue(), now).toSeconds()))
                .toList();
        lastSync.register(rows, true);
    }
}
