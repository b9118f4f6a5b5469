package io.tillsync.devices;

import io.tillsync.base.Db;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sync log and the devices' health columns, written in the background: a row per request
 * and a device update per request would cost every batch (and every replay) an extra commit
 * with its disk flush. Records are written in bulk every half second, one update per device,
 * in device order so two flushes never deadlock. Health lags by at most that half second.
 */
@Component
public class SyncLog {

    private final ConcurrentLinkedQueue<SyncRecord> queue = new ConcurrentLinkedQueue<>();
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    SyncLog(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public void record(SyncRecord r) {
        queue.add(r);
    }

    /** Writes what is waiting; tests call it to read the log at once. */
    @Scheduled(fixedDelayString = "${tillsync.sync.log-flush:500ms}")
    @PreDestroy
    public synchronized void flush() {
        List<SyncRecord> records = new ArrayList<>();
        for (SyncRecord r; (r = queue.poll()) != null; ) {
            records.add(r);
        }
        if (records.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            insertRows(records);
            updateDevices(records);
        });
    }

    private void insertRows(List<SyncRecord> records) {
        jdbc.batchUpdate("""
                INSERT INTO sync_requests (device_pk, device_id, branch_id, endpoint, received_at, duration_ms, request_bytes,
                  http_status, total_items, success_count, failed_count, conflict_count, replayed_count, queue_depth,
                  app_version, error_code)
                VALUES (:pk, :device, :branch, :endpoint, :at, :duration, :bytes, :status, :total, :ok, :failed, :conflicts,
                  :replayed, :queue, :version, :error)""", records.stream().map(r -> new MapSqlParameterSource()
                .addValue("pk", r.device().devicePk()).addValue("device", r.device().deviceId())
                .addValue("branch", r.device().branchId()).addValue("endpoint", r.endpoint())
                .addValue("at", Db.ts(r.receivedAt())).addValue("duration", (int) Math.min(Integer.MAX_VALUE, r.durationMs()))
                .addValue("bytes", r.requestBytes()).addValue("status", r.httpStatus()).addValue("total", r.totalItems())
                .addValue("ok", r.successCount()).addValue("failed", r.failedCount()).addValue("conflicts", r.conflictCount())
                .addValue("replayed", r.replayedCount()).addValue("queue", r.queueDepth())
                .addValue("version", r.appVersion()).addValue("error", r.errorCode())).toArray(MapSqlParameterSource[]::new));
    }

    /** What a device's requests since the last flush leave on its row. */
    private static final class Health {
        Instant seen;
        Instant sync;
        Instant success;
        Instant failure;
        boolean anyOk;
        int trailingFailures;
        String appVersion;
        Integer queueDepth;
        Long skew;
    }

    private void updateDevices(List<SyncRecord> records) {
        Map<Long, Health> byDevice = new TreeMap<>();
        for (SyncRecord r : records) {
            Health h = byDevice.computeIfAbsent(r.device().devicePk(), k -> new Health());
            boolean ok = r.httpStatus() < 400;
            h.seen = later(h.seen, r.receivedAt());
            if ("batch-sync".equals(r.endpoint())) {
                h.sync = later(h.sync, r.receivedAt());
                if (ok) {
                    h.success = later(h.success, r.receivedAt());
                }
            }
            if (ok) {
                h.anyOk = true;
                h.trailingFailures = 0;
            } else {
                h.failure = later(h.failure, r.receivedAt());
                h.trailingFailures++;
            }
            h.appVersion = r.appVersion() != null ? r.appVersion() : h.appVersion;
            h.queueDepth = r.queueDepth() != null ? r.queueDepth() : h.queueDepth;
            h.skew = r.clockSkewMs() != null ? r.clockSkewMs() : h.skew;
        }
        jdbc.batchUpdate("""
                UPDATE devices SET last_seen_at = GREATEST(COALESCE(last_seen_at, :seen), :seen),
                  last_sync_at = COALESCE(GREATEST(COALESCE(last_sync_at, :sync), :sync), last_sync_at),
                  last_success_at = COALESCE(GREATEST(COALESCE(last_success_at, :success), :success), last_success_at),
                  last_failure_at = COALESCE(GREATEST(COALESCE(last_failure_at, :failure), :failure), last_failure_at),
                  consecutive_failures = CASE WHEN :anyOk THEN :trailing ELSE consecutive_failures + :trailing END,
                  app_version = COALESCE(:version, app_version),
                  queue_depth = COALESCE(:queue, queue_depth),
                  clock_skew_ms = COALESCE(:skew, clock_skew_ms)
                WHERE id = :pk""", byDevice.entrySet().stream().map(e -> new MapSqlParameterSource()
                .addValue("seen", Db.ts(e.getValue().seen)).addValue("sync", Db.ts(e.getValue().sync))
                .addValue("success", Db.ts(e.getValue().success)).addValue("failure", Db.ts(e.getValue().failure))
                .addValue("anyOk", e.getValue().anyOk).addValue("trailing", e.getValue().trailingFailures)
                .addValue("version", e.getValue().appVersion).addValue("queue", e.getValue().queueDepth)
                .addValue("skew", e.getValue().skew).addValue("pk", e.getKey())).toArray(MapSqlParameterSource[]::new));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
