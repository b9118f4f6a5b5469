package io.tillsync.sales.booking;

import io.tillsync.catalog.Branch;
import io.tillsync.devices.DevicePrincipal;
import java.time.Instant;

/**
 * A sale ready to be written: the device's document, where it belongs, and what the server
 * settled about it (tax, price variance, server prices). {@code conflictId} names the conflict a
 * policy or a person settled by booking it.
 */
record SaleBooking(SaleDoc doc, Place place, String fingerprint, String rawJson, SaleRules.Checked checked,
                   String conflictId, Instant receivedAt) {

    /** The till and branch a sale is booked for; the codes make its transaction code. */
    record Place(long devicePk, long branchId, String merchantCode, String branchCode) {

        static Place of(DevicePrincipal device, Branch branch) {
            return new Place(device.devicePk(), branch.id(), device.merchantCode(), branch.code());
        }
    }
}
