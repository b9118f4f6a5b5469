package io.tillsync.sales;

import io.tillsync.devices.DevicePrincipal;
import java.time.Instant;
import java.util.Map;

/**
 * The one way in for what devices send: each sale, payment and void of a batch is booked once,
 * answered as a replay, refused with its field named, or recorded as a conflict that the branch's
 * policy settles or a person resolves (see {@link Resolutions}).
 */
public interface SalesIntake {

    /** Takes a batch in; the answer holds one result per item, in request order. */
    IntakeAnswer take(DevicePrincipal device, IntakeBatch batch, Instant receivedAt);

    /** Whether every one of these sales is still stored under this id with this offline id. */
    boolean stillStored(Map<Long, String> offlineIdsById);
}
