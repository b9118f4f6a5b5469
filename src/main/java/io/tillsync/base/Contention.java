package io.tillsync.base;

import java.sql.SQLException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Why a transaction failed when the cause is other transactions, not the work itself: then the
 * server tries again before it answers (rule 3.5) and the device or manager never sees it. Read from the
 * database's own codes anywhere in the cause chain, as a commit's failure reaches the caller
 * wrapped in more than one way.
 */
public enum Contention {
    /**
     * The database is not there for this transaction: the connection was lost (the writer node was
     * killed), none could be made, or its Galera node left the primary component (ERROR 1047; the
     * pool throws that connection away). HAProxy moves to another node within seconds, so the
     * transaction is tried again a little later on a new connection; if the outage lasts, the
     * batch is answered 503 with Retry-After and the till sends it again.
     */
    UNAVAILABLE,
    /** MariaDB error 1213: the database chose this transaction to break a lock cycle. */
    DEADLOCK,
    /** Error 1205: a lock was not granted within innodb_lock_wait_timeout. */
    LOCK_WAIT_TIMEOUT,
    /** SQLState 40001 without 1213: a serialization failure, as a Galera certification conflict reports it. */
    SERIALIZATION,
    /** A unique index refused a row another request committed a moment earlier: the retry answers it as a replay. */
    DUPLICATE_KEY,
    /**
     * A decision made without locks no longer holds at the commit ({@link TryAgainAtOnce}, e.g. stock
     * moved between a batch's decision and its commit): tried again at once, locking first.
     */
    STOCK_MOVED,
    /** Another failure the driver marks as transient. */
    TRANSIENT;

    /** The kind of contention behind a failure, or null when it is no contention and retrying would not help. */
    public static Contention of(Throwable failure) {
        if (DatabaseAway.unreachable(failure)) {
            return UNAVAILABLE;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TryAgainAtOnce) {
                return STOCK_MOVED;
            }
            if (t instanceof SQLException e) {
                if (e.getErrorCode() == 1213) {
                    return DEADLOCK;
                }
                if (e.getErrorCode() == 1205) {
                    return LOCK_WAIT_TIMEOUT;
                }
                if ("40001".equals(e.getSQLState())) {
                    return SERIALIZATION;
                }
                if (e.getErrorCode() == 1062) {
                    return DUPLICATE_KEY;
                }
            }
        }
        if (failure instanceof DataIntegrityViolationException) {
            return DUPLICATE_KEY;
        }
        return failure instanceof TransientDataAccessException ? TRANSIENT : null;
    }

    /** A duplicate primary key: an id block someone else wrote into too, not a race on an item's identity. */
    public static boolean primaryKeyTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException e && e.getErrorCode() == 1062 && String.valueOf(e.getMessage()).contains("'PRIMARY'")) {
                return true;
            }
        }
        return false;
    }

    /**
     * How long to wait before trying again after the given attempt: a lock conflict clears in
     * milliseconds (full jitter, so colliders do not collide again in step); a failover takes
     * HAProxy two to three seconds, which the pauses after an outage add up to.
     */
    public long pauseMillis(int attempt) {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        if (this == STOCK_MOVED) {
            return 0;
        }
        return this == UNAVAILABLE ? random.nextLong(200L * attempt, 400L * attempt + 1) : random.nextLong(1, 10L << attempt);
    }

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
