package io.tillsync.base;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the connection pool to throw away a connection whose Galera node has left the primary
 * component (ERROR 1047, "WSREP has not yet prepared node for application use"). Such a node keeps
 * the connection open and refuses every statement on it, so a retry on the same connection fails
 * again; a new connection goes through HAProxy to a node that is Synced and Primary.
 * Public with a no-argument constructor: the pool makes it from its class name.
 */
public class GaleraEviction implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return nodeOutsidePrimary(e) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }

    /** ERROR 1047 as a Galera node answers it while it is not in the primary component, anywhere in the chain. */
    public static boolean nodeOutsidePrimary(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException e && (e.getErrorCode() == 1047 || String.valueOf(e.getMessage()).contains("WSREP has not yet prepared node"))) {
                return true;
            }
        }
        return false;
    }
}
