package io.tillsync.base;

import java.sql.SQLException;

/**
 * Whether a failure means the database cannot serve the request now, under any wrapper: a lost
 * connection (e.g. a rollback that could not reach the server), a Galera node outside the primary
 * component (ERROR 1047), or a deadlock or certification conflict (1213, SQLState 40001) that
 * outlived the retries of the code that met it. All are safe to retry with the same request, so the
 * API answers them with 503 and Retry-After, never with 500 or a failed item.
 */
public final class DatabaseAway {

    private static final int ER_LOCK_DEADLOCK = 1213; // also Galera's certification failure and brute-force abort

    private DatabaseAway() {
    }

    public static boolean of(Throwable e) {
        if (unreachable(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == ER_LOCK_DEADLOCK || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * No usable database behind the connection: it was lost or could not be made, or its Galera
     * node is outside the primary component. Waiting (HAProxy moves to another node within a few
     * seconds) and a new connection help; trying the items one by one does not.
     */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLNonTransientConnectionException || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLRecoverableException || t instanceof java.net.SocketException
                    || t instanceof org.springframework.transaction.CannotCreateTransactionException
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException
                    // Hibernate's failed rollback or commit on a connection the server dropped carries no SQL cause
                    || t instanceof org.springframework.orm.jpa.JpaSystemException && String.valueOf(t.getMessage()).contains("against JDBC Connection")) {
                return true;
            }
            if (t instanceof SQLException sql && GaleraEviction.nodeOutsidePrimary(sql)) {
                return true;
            }
        }
        return false;
    }
}
