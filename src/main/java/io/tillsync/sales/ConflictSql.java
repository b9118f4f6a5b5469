package io.tillsync.sales;

/**
 * The conflicts table as other modules' queries may use it. Sales owns the table (the booking
 * workflow writes every row of it); the conflicts back-office and the device health only read it.
 * A read model that filters, orders and pages in the database needs conflict facts inside its own
 * SQL; it takes the fragment from here, so the table's shape stays known to this module and the
 * dependency is one the compiler and the module checks see.
 */
public final class ConflictSql {

    /**
     * The document a conflict {@code c} was settled on. A sale the policy kept as the till sent it stores
     * no second copy of it (the sync path writes one such row per sale): its final document is the local one.
     */
    public static final String FINAL_DATA = " COALESCE(c.final_data, CASE WHEN c.auto_resolved AND c.resolution_strategy = 'keep_local' "
            + "AND c.outcome = 'booked' THEN c.local_data END) ";

    private ConflictSql() {
    }

    /** A scalar subquery: how many conflicts of the device in these columns wait for a person. */
    public static String waitingOfDevice(String devicePkColumn, String branchIdColumn) {
        return "(SELECT COUNT(*) FROM offline_conflicts oc WHERE oc.branch_id = " + branchIdColumn
                + " AND oc.status IN ('open', 'held') AND oc.device_pk = " + devicePkColumn + ")";
    }
}
