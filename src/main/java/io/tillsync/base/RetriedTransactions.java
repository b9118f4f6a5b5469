package io.tillsync.base;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way a unit of work is tried again when other transactions made it fail (rule 3.5): a
 * batch from a till and a manager's resolution alike. Each try runs in a transaction of its own,
 * rolled back whole when it fails, so nothing of a failed try stays; the next one starts after the
 * pause its {@link Contention} asks for (milliseconds for a lock conflict, seconds for a failover),
 * on a new connection when the old one is gone. Every retry is counted as
 * {@code tillsync.sync.retries{cause, work}}.
 */
@Component
public class RetriedTransactions {

    private static final Logger log = LoggerFactory.getLogger(RetriedTransactions.class);
    static final int ATTEMPTS = 6;

    private final TransactionTemplate tx;
    private final IdAllocator ids;
    private final MeterRegistry registry;
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();

    RetriedTransactions(TransactionTemplate tx, IdAllocator ids, MeterRegistry registry) {
        this.tx = tx;
        this.ids = ids;
        this.registry = registry;
    }

    /** Runs {@code callback} in a new transaction, again while it fails on contention; {@code work} names it in the metric. */
    public <T> T inTransaction(String work, TransactionCallback<T> callback) {
        return retrying(work, () -> tx.execute(callback));
    }

    /**
     * Runs {@code attempt} (which opens its own transaction) at most {@value #ATTEMPTS} times while
     * it fails on contention. Any other failure, and the last contention, reach the caller.
     */
    public <T> T retrying(String work, Supplier<T> attempt) {
        RuntimeException last = null;
        for (int n = 1; n <= ATTEMPTS; n++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                Contention cause = Contention.of(e);
                if (cause == null) {
                    throw e;
                }
                last = e;
                if (Contention.primaryKeyTaken(e)) {
                    // it may be an id block another node holds too: the next try takes a fresh one
                    ids.forget();
                }
                retries.computeIfAbsent(cause.tag() + "/" + work, k -> Counter.builder("tillsync.sync.retries")
                        .tag("cause", cause.tag()).tag("work", work)
                        .description("Transactions tried again after contention").register(registry)).increment();
                log.debug("{} hit {} on attempt {}; trying again", work, cause, n);
                if (n < ATTEMPTS && !pause(cause.pauseMillis(n))) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** False when the thread was interrupted: the caller gives up at once. */
    private static boolean pause(long millis) {
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
