package io.tillsync.sales.booking;

import io.tillsync.sales.ConflictType;
import io.tillsync.sales.ItemKind;

/** A stored conflict as the sync path needs it: enough to answer a replay, settle a held item or resolve it. */
record StoredConflict(long id, String conflictId, ItemKind kind, String offlineId, String offlineReference,
                             String localFingerprint, ConflictType type, String reason, String status, String strategy,
                             boolean autoResolved, String outcome, Long bookedId, long branchId, long devicePk,
                             String localData, String serverData, String suggestedFix, String relatedOfflineId,
                             String deviceId) {

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
