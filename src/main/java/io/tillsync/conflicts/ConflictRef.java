package io.tillsync.conflicts;

import io.tillsync.sales.ConflictType;

/** A stored conflict as the sync path needs it: enough to answer a replay. */
public record ConflictRef(long id, String conflictId, String itemType, String offlineId, String offlineReference,
                          String localFingerprint, ConflictType type, String reason, String status, String strategy,
                          boolean autoResolved, String outcome, Long bookedId, long branchId, String localData,
                          String serverData, String suggestedFix, String relatedOfflineId, String deviceId) {

    public static final String OPEN = "open";
    public static final String HELD = "held";
    public static final String RESOLVED = "resolved";
    public static final String OUTCOME_BOOKED = "booked";
    public static final String OUTCOME_REJECTED = "rejected";

    public boolean resolved() {
        return RESOLVED.equals(status);
    }

    public boolean booked() {
        return resolved() && OUTCOME_BOOKED.equals(outcome);
    }
}
