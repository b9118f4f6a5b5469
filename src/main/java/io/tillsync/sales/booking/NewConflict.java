package io.tillsync.sales.booking;

import io.tillsync.sales.ConflictType;
import io.tillsync.sales.ItemKind;

/**
 * A conflict to record: the item as the device sent it, what the server found, where it came from,
 * and, when the branch's policy settled it at once, how.
 */
record NewConflict(String conflictId, Item item, Finding finding, Origin origin, boolean held, Settlement settlement) {

    /** The item as received. {@code relatedOfflineId} names the sale a payment or void follows. */
    public record Item(ItemKind kind, String offlineId, String offlineReference, String fingerprint, String localData,
                       String relatedOfflineId) {
    }

    /** What the server found: the conflict's type, its finer reason, the server's version and the advice. */
    public record Finding(ConflictType type, String reason, String serverData, String suggestedFix) {
    }

    public record Origin(long branchId, long devicePk, String deviceId) {
    }

    /** A policy's settlement: the strategy it used, what it booked and the document it booked. */
    public record Settlement(String strategy, Long bookedId, String finalData) {
    }

    public boolean autoResolved() {
        return settlement != null;
    }

    public String status() {
        return settlement != null ? StoredConflict.RESOLVED : held ? StoredConflict.HELD : StoredConflict.OPEN;
    }

    public NewConflict booked(long bookedId) {
        return new NewConflict(conflictId, item, finding, origin, held,
                new Settlement(settlement.strategy(), bookedId, settlement.finalData()));
    }
}
