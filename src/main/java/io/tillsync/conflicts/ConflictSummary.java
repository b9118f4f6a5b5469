package io.tillsync.conflicts;

import io.tillsync.sales.booking.StoredConflict;
import java.time.Instant;

/** One line of the conflict list. */
public record ConflictSummary(String conflictId, String itemType, String offlineReference, String conflictType, String reason,
                              String status, long branchId, String branchCode, String deviceId, Instant createdAt,
                              Instant resolvedAt, String strategy, boolean autoResolved, String resolvedBy) {

    public boolean open() {
        return StoredConflict.OPEN.equals(status) || StoredConflict.HELD.equals(status);
    }
}
