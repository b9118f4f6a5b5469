package io.tillsync.sales;

import java.math.BigDecimal;
import java.time.Instant;

/** One line of the transaction list. */
public record TransactionRow(long id, String transactionCode, String offlineReference, String deviceId, long branchId,
                             Instant createdAtDevice, Instant receivedAt, boolean offline, String paymentMethod,
                             BigDecimal grandTotal, String status, String conflictId) {

    /**
     * A sale the till sent again under a reused reference is kept beside the new one, its reference
     * suffixed with this mark and its own id so the new sale can take the reference.
     */
    public static final String REPLACED_MARK = "#replaced-";

    /** The reference as the till printed it on the receipt, without the mark a replaced sale carries. */
    public String tillReference() {
        int mark = offlineReference == null ? -1 : offlineReference.indexOf(REPLACED_MARK);
        return mark < 0 ? offlineReference : offlineReference.substring(0, mark);
    }

    public boolean replaced() {
        return "replaced".equals(status);
    }

    /** Where the next page starts: rows are ordered newest first by till time, then by id. */
    public Keyset key() {
        return new Keyset(createdAtDevice, id);
    }

    public record Keyset(Instant createdAtDevice, long id) {
    }
}
