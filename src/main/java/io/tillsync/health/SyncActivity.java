package io.tillsync.health;

import java.time.Instant;

/**
 * The last hour of syncing, minute by minute (index 0 is the oldest minute).
 *
 * @param sales sales made per minute by the tills' clocks
 */
public record SyncActivity(Instant until, long[] requests, long[] failedRequests, long[] items, long[] conflicts, long[] sales) {

    public double failureRate() {
        long total = sum(requests);
        return total == 0 ? 0 : (double) sum(failedRequests) / total;
    }

    public double conflictRate() {
        long total = sum(items);
        return total == 0 ? 0 : (double) sum(conflicts) / total;
    }

    public static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
