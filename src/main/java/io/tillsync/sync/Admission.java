package io.tillsync.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many batches are worked on at once. When many tills reconnect together (a morning after an
 * outage), taking every batch at once makes each wait for the others: all of them get slow, past
 * a till's timeout the till sends again, and the storm feeds itself. Work on as many as the
 * database takes well, let a few more wait briefly for a place, and answer the rest at once with
 * 503 and Retry-After: a till sends the same batch again a moment later, idempotency makes that
 * safe, and the batches answered stay fast while the queues drain as quickly as before.
 */
@Component
class Admission {

    private volatile Semaphore places;
    private volatile int maxConcurrent;
    private final int maxWaiting;
    private volatile Duration wait;
    private final int retryAfterSeconds;
    private final Counter refused;

    Admission(@Value("${tillsync.sync.admission.max-concurrent:8}") int maxConcurrent,
              @Value("${tillsync.sync.admission.max-waiting:8}") int maxWaiting,
              @Value("${tillsync.sync.admission.wait:1s}") Duration wait,
              @Value("${tillsync.sync.admission.retry-after-seconds:1}") int retryAfterSeconds,
              MeterRegistry registry) {
        this.places = new Semaphore(maxConcurrent, true);
        this.maxConcurrent = maxConcurrent;
        this.maxWaiting = maxWaiting;
        this.wait = wait;
        this.retryAfterSeconds = retryAfterSeconds;
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
        Semaphore taken = places;
        try {
            if (taken.tryAcquire() || (taken.getQueueLength() < maxWaiting
                    && taken.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS))) {
                return taken;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refused.increment();
        return null;
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
        return retryAfterSeconds;
    }
}
