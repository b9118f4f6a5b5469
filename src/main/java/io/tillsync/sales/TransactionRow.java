package io.tillsync.sales;

import java.math.BigDecimal;
import java.time.Instant;

/** One line of the transaction list. */
public record TransactionRow(long id, String transactionCode, String offlineReference, String deviceId, long branchId,
                             Instant createdAtDevice, Instant receivedAt, boolean offline, String paymentMethod,
                             BigDecimal grandTotal, String status, String conflictId) {

    /** Where the next page starts: rows are ordered newest first by till time, then by id. */
    public Keyset key() {
        return new Keyset(createdAtDevice, id);
    }

    public record Keyset(Instant createdAtDevice, long id) {
    }
}
