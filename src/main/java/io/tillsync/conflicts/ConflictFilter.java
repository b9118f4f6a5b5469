package io.tillsync.conflicts;

import io.tillsync.sales.ConflictStatus;
import java.time.Duration;

/**
 * What the conflict list shows. Every part is optional; {@code null} means "any".
 *
 * @param minAge only conflicts raised at least this long ago (the backlog a manager should not leave waiting)
 */
public record ConflictFilter(Long branchId, String conflictType, String status, String deviceId, Duration minAge,
                             String itemType) {

    public static final ConflictFilter OPEN = new ConflictFilter(null, null, ConflictStatus.OPEN.wire(), null, null, null);
    public static final ConflictFilter ANY = new ConflictFilter(null, null, null, null, null, null);

    public ConflictFilter withBranchId(Long value) {
        return new ConflictFilter(value, conflictType, status, deviceId, minAge, itemType);
    }

    public ConflictFilter withConflictType(String value) {
        return new ConflictFilter(branchId, value, status, deviceId, minAge, itemType);
    }

    public ConflictFilter withStatus(String value) {
        return new ConflictFilter(branchId, conflictType, value, deviceId, minAge, itemType);
    }

    public ConflictFilter withDeviceId(String value) {
        return new ConflictFilter(branchId, conflictType, status, value == null || value.isBlank() ? null : value.strip(), minAge, itemType);
    }

    public ConflictFilter withMinAge(Duration value) {
        return new ConflictFilter(branchId, conflictType, status, deviceId, value, itemType);
    }

    public ConflictFilter withItemType(String value) {
        return new ConflictFilter(branchId, conflictType, status, deviceId, minAge, value);
    }
}
