package io.tillsync.conflicts;

import io.tillsync.sales.ConflictStatus;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.ItemKind;
import java.time.Instant;

/** One line of the conflict list. */
public record ConflictSummary(String conflictId, ItemKind itemType, String offlineReference, ConflictType conflictType, String reason,
                              ConflictStatus status, long branchId, String branchCode, String deviceId, Instant createdAt,
                              Instant resolvedAt, String strategy, boolean autoResolved, String resolvedBy) {

    public boolean open() {
        return status.waiting();
    }
}
