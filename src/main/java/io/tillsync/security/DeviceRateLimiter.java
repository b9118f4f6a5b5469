package io.tillsync.security;

import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A token bucket per device for the device API: a till that loops on a bug, or a stolen token
 * used for flooding, slows down one device instead of the whole server. Generous by default
 * (a till sends a batch every few seconds); kept in memory per node, which is enough for a
 * limit meant against floods, not for billing.
 */
@Component
class DeviceRateLimiter {

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final double perSecond;
    private final double burst;

    DeviceRateLimiter(@Value("${tillsync.sync.rate-limit.enabled:true}") boolean enabled,
                      @Value("${tillsync.sync.rate-limit.per-second:20}") double perSecond,
                      @Value("${tillsync.sync.rate-limit.burst:40}") double burst) {
        this.enabled = enabled && perSecond > 0;
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
    }

    /**
     * Takes one request from the device's bucket.
     *
     * @return 0 when the request may go ahead, otherwise the whole seconds to wait before the next one
     */
    public long acquire(long devicePk) {
        if (!enabled) {
            return 0;
        }
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(devicePk, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) / 1e9 * perSecond);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
    }
}
