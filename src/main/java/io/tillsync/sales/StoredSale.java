package io.tillsync.sales;

import java.math.BigDecimal;

/** What the sync path needs to know of a sale already booked. */
public record StoredSale(long id, String offlineId, String transactionCode, String fingerprint, String status,
                         String deviceId, String offlineReference, long branchId, BigDecimal grandTotal,
                         BigDecimal paidTotal) {

    public boolean voided() {
        return SaleDoc.STATUS_VOIDED.equals(status);
    }
}
