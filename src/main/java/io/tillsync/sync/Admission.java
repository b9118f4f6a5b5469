package io.tillsync.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * How many batches are worked on at once. When many tills reconnect together (a morning after an
 * outage), taking every batch at once makes each wait for the others: all of them get slow, past
 * a till's timeout the till sends again, and the storm feeds itself. Work on as many as the
 * database takes well, let a few more wait briefly for a place, and answer the rest at once with
 * 503 and Retry-After: a till sends the same batch again a moment later, idempotency makes that
 * safe, and the batches answered stay fast while the queues drain as quickly as before.
 *
 * <p>Retry-After follows the load: each second, the refused are weighed against the admitted. A
 * thousand tills told "1 s" come back a thousand times a second for the few places there are, and
 * answering them costs what the server needs for the batches it works on; told a few seconds, they
 * come back about as often as places free up. It never goes past {@code retry-after-max-seconds}, so
 * the last tills of a storm are not left waiting while the server has room again.
 *
 * <p>A place is taken once the batch's body is in memory ({@code base.http.EdgeGuard} reads it
 * first, at a minimum pace): a till uploading slowly waits for its own bytes, never in a place
 * other tills need.
 */
@Component
class Admission {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    // places held and batches waiting, per share (a branch, or a till whose branch is not known yet)
    private final Map<String, int[]> shares = new HashMap<>();
    private final Map<String, Integer> heldByTill = new HashMap<>();
    // which branch a till's token belongs to, learned from batches it sent: admission runs before the token is checked
    private final Map<String, Long> branchOfTill = new ConcurrentHashMap<>();
    private int held;
    private int waiting;
    private volatile int maxConcurrent;
    private final int maxWaiting;
    private final int perTill;
    private volatile Duration wait;
    private final int minRetryAfter;
    private final int maxRetryAfter;
    private volatile int retryAfter;
    private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
    private final LongAdder admittedInWindow = new LongAdder();
    private final LongAdder refusedInWindow = new LongAdder();
    private final Counter refused;

    /** A place held by one batch; given back with {@link #leave}. */
    record Place(String share, String till) {
    }

    @Autowired
    Admission(SyncSettings settings, MeterRegistry registry) {
        this(settings.admission().maxConcurrent(), settings.admission().maxWaiting(), settings.admission().queueWait(),
                settings.admission().retryAfterSeconds(), settings.admission().retryAfterMaxSeconds(), settings.admission().perTill(),
                registry);
    }

    Admission(int maxConcurrent, int maxWaiting, Duration wait, int retryAfterSeconds, int retryAfterMaxSeconds, int perTill,
              MeterRegistry registry) {
        this.maxConcurrent = maxConcurrent;
        this.maxWaiting = maxWaiting;
        this.perTill = Math.max(1, perTill);
        this.wait = wait;
        this.minRetryAfter = Math.max(1, retryAfterSeconds);
        this.maxRetryAfter = Math.max(minRetryAfter, retryAfterMaxSeconds);
        this.retryAfter = minRetryAfter;
        this.refused = Counter.builder("tillsync.sync.admission.refused")
                .description("Batches answered 503 because the server was working on as many as it takes").register(registry);
        Gauge.builder("tillsync.sync.admission.in_progress", this, Admission::inProgress)
                .description("Batches being worked on").register(registry);
    }

    /**
     * A place to work on one batch whose body has been read, or none: when none comes free for
     * its share within the wait, or at once when enough others wait already (a refusal must cost
     * the server next to nothing, and free its thread).
     *
     * <p>Shares: every branch with batches here gets an equal part of the places, and a till at
     * most {@code per-till} of them (half, by default), so one till or one branch sending many batches (or slow ones)
     * cannot take every place while another branch's tills wait. A branch alone takes them all.
     */
    Place enter(String till) {
        roll();
        Long branch = till == null ? null : branchOfTill.get(till);
        Place place = new Place(branch != null ? "branch:" + branch : "till:" + till, till);
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            int[] share = shares.computeIfAbsent(place.share(), k -> new int[2]);
            if (mayTake(place, share)) {
                return take(place, share);
            }
            if (waiting >= maxWaiting || share[1] >= fairPart(maxWaiting)) {
                forgetIfIdle(place.share(), share);
                return refuse();
            }
            share[1]++;
            waiting++;
            try {
                long left = deadline - System.nanoTime();
                while (!mayTake(place, share)) {
                    if (left <= 0) {
                        return refuse();
                    }
                    left = freed.awaitNanos(left);
                }
                return take(place, share);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return refuse();
            } finally {
                share[1]--;
                waiting--;
                forgetIfIdle(place.share(), share);
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean mayTake(Place place, int[] share) {
        return held < maxConcurrent && share[0] < fairPart(maxConcurrent)
                && heldByTill.getOrDefault(place.till(), 0) < perTill;
    }

    /** An equal part of {@code places} for each share that holds or waits for one; at least one. */
    private int fairPart(int places) {
        return Math.max(1, (places + shares.size() - 1) / Math.max(1, shares.size()));
    }

    private Place take(Place place, int[] share) {
        share[0]++;
        held++;
        heldByTill.merge(place.till(), 1, Integer::sum);
        admittedInWindow.increment();
        return place;
    }

    private Place refuse() {
        refusedInWindow.increment();
        refused.increment();
        return null;
    }

    private void forgetIfIdle(String key, int[] share) {
        if (share[0] == 0 && share[1] == 0) {
            shares.remove(key);
        }
    }

    /** The token's till belongs to this branch: its next batches count in that branch's share. */
    void learn(String till, long branchId) {
        if (till != null && branchOfTill.size() < 100_000) {
            branchOfTill.put(till, branchId);
        }
    }

    /** The part of a device token that names its till ({@code tsd_<prefix>}), from the Authorization header; null without one. */
    static String tillOf(String authorization) {
        if (authorization == null || authorization.length() < 23 || !authorization.regionMatches(true, 0, "Bearer tsd_", 0, 11)) {
            return null;
        }
        return authorization.substring(7, 23);
    }

    private int inProgress() {
        lock.lock();
        try {
            return held;
        } finally {
            lock.unlock();
        }
    }

    /** At most once a second, by whichever request comes first after it: the next Retry-After from the last second's counts. */
    private void roll() {
        long start = windowStart.get();
        long now = System.nanoTime();
        if (now - start >= 1_000_000_000L && windowStart.compareAndSet(start, now)) {
            retryAfter = nextRetryAfter(retryAfter, admittedInWindow.sumThenReset(), refusedInWindow.sumThenReset(),
                    minRetryAfter, maxRetryAfter);
        }
    }

    /**
     * Refused tills come back once per Retry-After: told {@code current} seconds, {@code refused} of
     * them came in a second while {@code admitted} got a place. Told {@code current × refused / admitted}
     * they would come about as often as places free up; half-way there each second keeps it steady.
     * With no refusal it halves back towards the minimum.
     */
    static int nextRetryAfter(int current, long admitted, long refused, int min, int max) {
        if (refused == 0) {
            return Math.max(min, current / 2);
        }
        double wanted = current * (double) refused / Math.max(1, admitted);
        return (int) Math.max(min, Math.min(max, Math.ceil((current + wanted) / 2)));
    }

    /** Gives back the place {@link #enter} handed out. */
    void leave(Place place) {
        lock.lock();
        try {
            held--;
            heldByTill.computeIfPresent(place.till(), (k, n) -> n <= 1 ? null : n - 1);
            int[] share = shares.get(place.share());
            if (share != null) {
                share[0]--;
                forgetIfIdle(place.share(), share);
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** New limits from now on. */
    void resize(int maxConcurrent, Duration wait) {
        lock.lock();
        try {
            this.maxConcurrent = maxConcurrent;
            this.wait = wait;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int retryAfterSeconds() {
        return retryAfter;
    }
}
