package io.tillsync.health;

/** How a till's syncing looks, worst first: the order the dashboard lists devices needing attention in. */
public enum HealthState {
    /** Not seen for longer than the branch's offline threshold. */
    OFFLINE,
    /** As many failed requests in a row as the branch tolerates. */
    FAILING,
    /** Seen, but no successful sync for longer than the branch's stale threshold. */
    STALE,
    /** Syncing, but with conflicts waiting for a person. */
    CONFLICTS,
    /** Syncing, but sale numbers are missing: sales that may be lost on the till. */
    GAPS,
    HEALTHY,
    /**
     * Enrolled but never heard from: a till still being set up is not a till gone quiet, so it is
     * neither offline nor counted among the troubled ones.
     */
    NEVER,
    /** Token revoked: no longer expected to sync. */
    REVOKED;

    public boolean needsAttention() {
        return this != HEALTHY && this != NEVER && this != REVOKED;
    }
}
