package io.tillsync.sales.booking;

import java.math.BigDecimal;

/**
 * What the sync path needs to know of a sale already booked. Its document is not read along
 * ({@link #rawJson()} is null): only a duplicate needs it, and a batch of replays would fetch them all.
 */
record StoredSale(long id, String offlineId, String transactionCode, String fingerprint, String status,
                  String deviceId, String offlineReference, long branchId, BigDecimal grandTotal,
                  BigDecimal paidTotal) implements Stored {

    boolean voided() {
        return SaleDoc.STATUS_VOIDED.equals(status);
    }

    @Override
    public String rawJson() {
        return null;
    }
}
