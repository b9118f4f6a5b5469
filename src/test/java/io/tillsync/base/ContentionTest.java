package io.tillsync.base;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;

/** How a failed batch transaction is read: what is retried, on which connection, and what ends as 503. */
class ContentionTest {

    /** What MariaDB Connector/J throws when a Galera node outside the primary component refuses a statement. */
    private static SQLException nodeOutsidePrimary() {
        return new SQLException("(conn=72) WSREP has not yet prepared node for application use", "08S01", 1047);
    }

    @Test
    void a_node_outside_the_primary_component_is_unavailable_and_its_connection_is_thrown_away() {
        RuntimeException wrapped = new DataAccessResourceFailureException("could not execute", nodeOutsidePrimary());

        assertThat(Contention.of(wrapped)).isEqualTo(Contention.UNAVAILABLE);
        assertThat(DatabaseAway.unreachable(wrapped)).isTrue();
        assertThat(new GaleraEviction().adjudicate(nodeOutsidePrimary())).isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
        // other errors leave the pool's own judgement alone
        assertThat(new GaleraEviction().adjudicate(new SQLException("Duplicate entry", "23000", 1062)))
                .isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
    }

    @Test
    void a_lost_connection_is_unavailable_but_a_certification_failure_is_a_deadlock_retried_at_once() {
        assertThat(Contention.of(new DataAccessResourceFailureException("x", new SQLNonTransientConnectionException("Socket error", "08000"))))
                .isEqualTo(Contention.UNAVAILABLE);
        RuntimeException certification = new PessimisticLockingFailureException("x",
                new SQLException("Deadlock found when trying to get lock; try restarting transaction", "40001", 1213));
        assertThat(Contention.of(certification)).isEqualTo(Contention.DEADLOCK);
        assertThat(DatabaseAway.unreachable(certification)).isFalse();
        assertThat(DatabaseAway.of(certification)).as("answered 503 if it outlives the retries").isTrue();
    }

    @Test
    void after_an_outage_the_pauses_add_up_to_a_failover_while_lock_conflicts_are_retried_within_milliseconds() {
        long outage = 0;
        long locks = 0;
        for (int attempt = 1; attempt < 6; attempt++) {
            outage += Contention.UNAVAILABLE.pauseMillis(attempt);
            locks += Contention.DEADLOCK.pauseMillis(attempt);
        }
        // HAProxy needs 1 to 3 s to move to the next node: the retries outlast that, then the till gets 503
        assertThat(outage).isBetween(3_000L, 6_000L);
        assertThat(locks).isLessThan(640L);
    }
}
