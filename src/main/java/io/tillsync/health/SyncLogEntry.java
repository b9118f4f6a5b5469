package io.tillsync.health;

import java.time.Instant;

/** One request of a till, from the sync log. */
public record SyncLogEntry(Instant receivedAt, String endpoint, int httpStatus, long durationMs, long requestBytes, int totalItems,
                           int successCount, int failedCount, int conflictCount, int replayedCount, Integer queueDepth,
                           String appVersion, String errorCode) {

    public boolean failed() {
        return httpStatus >= 400 || failedCount > conflictCount;
    }
}
