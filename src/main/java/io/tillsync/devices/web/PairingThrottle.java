package io.tillsync.devices.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * At most {@code tillsync.pairing.max-tries-per-minute} pairing attempts per client address in
 * any 60 seconds, right or wrong: with 31^8 possible codes and a handful live at a time, guessing
 * stays hopeless. Kept in memory per node (the device rate limit is shared in the database): behind
 * a balancer N nodes allow N times the tries, which leaves guessing as hopeless, and it is a limit
 * against guessing, not an audit. Behind a reverse proxy the address is the proxy's unless the server is told to
 * trust its forwarded headers ({@code tillsync.http.trusted-proxies}).
 *
 * <p>An attacker with many addresses gets ten tries from each: so all addresses together get at most
 * {@code tillsync.pairing.max-tries-per-minute-overall} tries a minute per node. A shop pairs a few
 * tills a day; while guessing goes on, a cashier typing a real code may be asked to wait a minute.
 */
@Component
class PairingThrottle {

    private static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int MAX_ADDRESSES = 10_000;

    private static final String EVERYONE = "";

    private final ConcurrentHashMap<String, Deque<Long>> tries = new ConcurrentHashMap<>();
    private final int maxTries;
    private final int maxOverall;

    @Autowired
    PairingThrottle(PairingSettings settings) {
        this(settings.maxTriesPerMinute(), settings.maxTriesPerMinuteOverall());
    }

    PairingThrottle(int maxTries, int maxOverall) {
        this.maxTries = Math.max(1, maxTries);
        this.maxOverall = Math.max(this.maxTries, maxOverall);
    }

    /**
     * Counts one attempt from the address.
     *
     * @return 0 when it may go ahead, otherwise the whole seconds until the oldest counted try leaves the window
     */
    long acquire(String address) {
        long now = System.nanoTime();
        if (tries.size() > MAX_ADDRESSES) {
            tries.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().isEmpty() || now - e.getValue().peekLast() > WINDOW_NANOS;
                }
            });
        }
        Deque<Long> all = tries.computeIfAbsent(EVERYONE, k -> new ArrayDeque<>());
        synchronized (all) {
            long wait = take(all, now, maxOverall);
            if (wait > 0) {
                return wait;
            }
        }
        long wait = take(tries.computeIfAbsent(address, k -> new ArrayDeque<>()), now, maxTries);
        if (wait > 0) {
            // refused for its own address: not a try against the overall limit
            synchronized (all) {
                all.pollLast();
            }
        }
        return wait;
    }

    private static long take(Deque<Long> seen, long now, int maxTries) {
        synchronized (seen) {
            while (!seen.isEmpty() && now - seen.peekFirst() > WINDOW_NANOS) {
                seen.pollFirst();
            }
            if (seen.size() >= maxTries) {
                return Math.max(1, (WINDOW_NANOS - (now - seen.peekFirst()) + 999_999_999L) / 1_000_000_000L);
            }
            seen.addLast(now);
            return 0;
        }
    }

    /** Forgets every address; for tests that pair many times from one address. */
    void clear() {
        tries.clear();
    }
}
