package io.tillsync.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 */
@Component
class Admission {

    private volatile Semaphore places;
    private volatile int maxConcurrent;
    private final int maxWaiting;
    private volatile Duration wait;
    private final int minRetryAfter;
    private final int maxRetryAfter;
    private volatile int retryAfter;
    private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
    private final LongAdder admittedInWindow = new LongAdder();
    private final LongAdder refusedInWindow = new LongAdder();
    private final Counter refused;

    @Autowired
    Admission(SyncSettings settings, MeterRegistry registry) {
        this(settings.admission().maxConcurrent(), settings.admission().maxWaiting(), settings.admission().queueWait(),
                settings.admission().retryAfterSeconds(), settings.admission().retryAfterMaxSeconds(), registry);
    }

    Admission(int maxConcurrent, int maxWaiting, Duration wait, int retryAfterSeconds, int retryAfterMaxSeconds, MeterRegistry registry) {
        this.places = new Semaphore(maxConcurrent, true);
        this.maxConcurrent = maxConcurrent;
        this.maxWaiting = maxWaiting;
        this.wait = wait;
        this.minRetryAfter = Math.max(1, retryAfterSeconds);
        this.maxRetryAfter = Math.max(minRetryAfter, retryAfterMaxSeconds);
        this.retryAfter = minRetryAfter;
        this.refused = Counter.builder("tillsync.sync.admission.refused")
                .description("Batches answered 503 because the server was working on as many as it takes").register(registry);
        Gauge.builder("tillsync.sync.admission.in_progress", this, a -> a.maxConcurrent - a.places.availablePermits())
                .description("Batches being worked on").register(registry);
    }

    /**
     * A place to work on one batch, or none: when all stay taken for the whole wait, or at once when
     * enough others wait already (a refusal must cost the server next to nothing, and free its thread).
     */
    Semaphore enter() {
        roll();
        Semaphore taken = places;
        try {
            if (taken.tryAcquire() || (taken.getQueueLength() < maxWaiting
                    && taken.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS))) {
                admittedInWindow.increment();
                return taken;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refusedInWindow.increment();
        refused.increment();
        return null;
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
    void leave(Semaphore taken) {
        taken.release();
    }

    /** New limits from now on; batches already admitted finish under the old ones. */
    void resize(int maxConcurrent, Duration wait) {
        this.places = new Semaphore(maxConcurrent, true);
        this.maxConcurrent = maxConcurrent;
        this.wait = wait;
    }

    int retryAfterSeconds() {
        return retryAfter;
    }
}
