package io.tillsync.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A database that went away answers the batch with 503, never its items with internal_error (the
 * long soak saw 8 such items while mariadbd was down); contention and bad data still go item by item.
 */
class DatabaseUnreachableTest {

    @Test
    void a_lost_database_under_any_wrapper_is_unreachable() {
        assertThat(unreachable(new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
                new RuntimeException(new SQLNonTransientConnectionException("Socket fail to connect"))))).isTrue();
        assertThat(unreachable(new RuntimeException("commit", new SQLNonTransientConnectionException("closed")))).isTrue();
    }

    @Test
    void contention_and_refused_rows_are_not() {
        assertThat(unreachable(new CannotAcquireLockException("deadlock",
                new SQLException("Deadlock found when trying to get lock", "40001", 1213)))).isFalse();
        assertThat(unreachable(new DataIntegrityViolationException("duplicate",
                new SQLException("Duplicate entry", "23000", 1062)))).isFalse();
        assertThat(unreachable(new IllegalStateException("a bug"))).isFalse();
    }

    private static boolean unreachable(Throwable failure) {
        return Contention.of(failure) == Contention.UNAVAILABLE;
    }
}
