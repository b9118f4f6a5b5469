package io.tillsync.devices;

import java.time.Instant;

/** One sync request as device health sees it. */
public record SyncRecord(DevicePrincipal device, String endpoint, Instant receivedAt, long durationMs, long requestBytes,
                         int httpStatus, int totalItems, int successCount, int failedCount, int conflictCount,
                         int replayedCount, Integer queueDepth, String appVersion, Long clockSkewMs, String errorCode) {

    public boolean succeeded() {
        return httpStatus < 400 && failedCount == conflictCount;
    }
}
