package io.tillsync.sync;

import java.time.Clock;
import io.tillsync.base.ApiEnvelope;
import io.tillsync.base.Rejected;
import io.tillsync.devices.DevicePrincipal;
import io.tillsync.devices.SyncLog;
import io.tillsync.devices.SyncRecord;
import io.tillsync.sales.ItemResult;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SyncController {

    private final BatchSyncService service;
    private final Admission admission;
    private final SyncLog syncLog;
    private final SyncMetrics metrics;
    private final int maxItems;
    private final long maxBodyBytes;
    private final Clock clock;

    SyncController(BatchSyncService service, Admission admission, SyncLog syncLog, SyncMetrics metrics, Clock clock,
                   SyncSettings settings) {
        this.service = service;
        this.admission = admission;
        this.clock = clock;
        this.syncLog = syncLog;
        this.metrics = metrics;
        this.maxItems = settings.maxItems();
        this.maxBodyBytes = settings.maxBodyBytes();
    }

    @PostMapping(path = "/api/v1/pos/offline/batch-sync", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiEnvelope> batchSync(@AuthenticationPrincipal DevicePrincipal device, HttpServletRequest request) {
        Instant receivedAt = clock.instant();
        long started = System.nanoTime();
        try {
            // its next batches count in its branch's share of the admission places
            admission.learn(Admission.tillOf(request.getHeader("Authorization")), device.branchId());
            requireJson(request);
            // admitted already (AdmissionFilter): a batch refused for load never gets this far
            return ResponseEntity.ok(take(device, request, receivedAt, started));
        } catch (Rejected e) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            syncLog.record(new SyncRecord(device, "batch-sync", receivedAt, took.toMillis(), request.getContentLengthLong(),
                    ApiEnvelope.status(e.kind()).value(), 0, 0, 0, 0, 0, null, null, null, e.code()));
            metrics.batch("rejected", took);
            throw e;
        }
    }

    private ApiEnvelope take(DevicePrincipal device, HttpServletRequest request, Instant receivedAt, long started) {
        byte[] body = readLimited(request);
        BatchRequest batch = BatchRequestParser.parse(body, maxItems);
        if (!device.deviceId().equals(batch.deviceId())) {
            throw new Rejected(Rejected.Kind.FORBIDDEN, "device_mismatch",
                    "device_id: the token belongs to device " + device.deviceId(), "device_id");
        }
        BatchSyncResponse response = service.sync(device, batch, receivedAt);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        int conflicts = (int) response.results().stream().filter(r -> r.conflictDetected() && !r.success()).count();
        int replayed = (int) response.results().stream().filter(ItemResult::replayed).count();
        Long skew = batch.syncedAt() == null ? null : Duration.between(batch.syncedAt(), receivedAt).toMillis();
        syncLog.record(new SyncRecord(device, "batch-sync", receivedAt, took.toMillis(), body.length, 200,
                response.totalItems(), response.successCount(), response.failedCount(), conflicts, replayed,
                batch.queueDepth(), batch.appVersion(), skew, null));
        metrics.batch(response.success() ? "ok" : "partial", took);
        metrics.items(response);
        return ApiEnvelope.ok(response);
    }

    private static void requireJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type))) {
            throw new Rejected(Rejected.Kind.UNSUPPORTED, "unsupported_media_type", "Send Content-Type: application/json");
        }
    }

    /** Refuses an oversized body before parsing it: by its declared length, or once it reads past the limit. */
    private byte[] readLimited(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new Rejected(Rejected.Kind.MALFORMED, "unreadable_body", "The request body could not be read");
        }
    }

    private Rejected tooLarge() {
        return new Rejected(Rejected.Kind.TOO_LARGE, "body_too_large",
                "Request bodies are limited to " + maxBodyBytes + " bytes; send smaller batches");
    }
}
