package io.tillsync.conflicts;

/**
 * The conflicts table as other modules' queries may use it. A read model that filters, orders and
 * pages in the database (device health) needs conflict counts inside its own SQL; it takes the
 * fragment from here, so the table's name and shape stay known to this module alone and the
 * dependency is one the compiler and the module checks see.
 */
public final class ConflictSql {

    private ConflictSql() {
    }

    /** A scalar subquery: how many conflicts of the device in these columns wait for a person. */
    public static String waitingOfDevice(String devicePkColumn, String branchIdColumn) {
        return "(SELECT COUNT(*) FROM offline_conflicts oc WHERE oc.branch_id = " + branchIdColumn
                + " AND oc.status IN ('open', 'held') AND oc.device_pk = " + devicePkColumn + ")";
    }
}
