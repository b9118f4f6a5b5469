package io.tillsync.catalog;

/**
 * Catalog tables as other modules' queries may use them (see the same note on conflicts'
 * fragments): a derived table MariaDB merges into the query that uses it.
 */
public final class CatalogSql {

    /** Each branch's code, name and sync-health thresholds, to join on {@code id}. */
    public static final String BRANCH_HEALTH_SETTINGS = "(SELECT id, code, name AS branch_name, stale_after_minutes, offline_after_minutes, "
            + "failing_after_errors, gap_grace_minutes FROM branches)";

    private CatalogSql() {
    }
}
