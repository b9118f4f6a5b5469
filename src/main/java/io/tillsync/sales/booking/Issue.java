package io.tillsync.sales.booking;

import io.tillsync.sales.ConflictType;
import java.util.Map;

/**
 * One reason an item cannot be booked as sent.
 *
 * @param reason      a stable code, finer than the type (see {@link io.tillsync.sales.Reason})
 * @param serverState what the server checked, shown to the device and the manager as server_data for constraints
 */
record Issue(ConflictType type, String reason, String message, Map<String, Object> serverState) {
}
