package io.tillsync.base.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests open at once per client address. One address cannot hold more than its share of the
 * server's connections and memory, whatever it sends; a shop's tills behind one address stay far
 * below the limit, as each request takes milliseconds.
 */
final class InFlight {

    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final int max;

    InFlight(int max) {
        this.max = max;
    }

    boolean enter(String address) {
        boolean[] entered = {false};
        open.compute(address, (k, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            if (c.get() < max) {
                c.incrementAndGet();
                entered[0] = true;
            }
            return c;
        });
        if (!entered[0]) {
            leaveIfIdle(address);
        }
        return entered[0];
    }

    void leave(String address) {
        open.computeIfPresent(address, (k, c) -> c.decrementAndGet() <= 0 ? null : c);
    }

    private void leaveIfIdle(String address) {
        open.computeIfPresent(address, (k, c) -> c.get() <= 0 ? null : c);
    }

    int open(String address) {
        AtomicInteger c = open.get(address);
        return c == null ? 0 : c.get();
    }
}
