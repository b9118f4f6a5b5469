package io.tillsync.conflicts;

import io.tillsync.sales.ConflictType;

/**
 * A conflict to record. When {@code autoStrategy} is set, the branch's policy already settled it
 * and {@code bookedId} names what was booked.
 */
public record NewConflict(String conflictId, String itemType, String offlineId, String offlineReference,
                          ConflictType type, String reason, String localData, String serverData, String suggestedFix,
                          String localFingerprint, long branchId, long devicePk, String deviceId, String relatedOfflineId,
                          boolean held, String autoStrategy, Long bookedId, String finalData) {
}
