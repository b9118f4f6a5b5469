package io.tillsync.sales;

import java.time.Instant;

/**
 * What the transaction list shows; {@code null} parts mean "any".
 *
 * @param from   inclusive, on the till's clock ({@code created_at_device})
 * @param to     exclusive
 * @param search a transaction code or an offline reference, or the start of one
 */
public record TransactionFilter(Long branchId, String deviceId, Instant from, Instant to, String status, Boolean offline,
                                String paymentMethod, String search) {

    public static final TransactionFilter ALL = new TransactionFilter(null, null, null, null, null, null, null, null);

    public TransactionFilter withBranchId(Long v) {
        return new TransactionFilter(v, deviceId, from, to, status, offline, paymentMethod, search);
    }

    public TransactionFilter withDeviceId(String v) {
        return new TransactionFilter(branchId, blank(v), from, to, status, offline, paymentMethod, search);
    }

    public TransactionFilter withFrom(Instant v) {
        return new TransactionFilter(branchId, deviceId, v, to, status, offline, paymentMethod, search);
    }

    public TransactionFilter withTo(Instant v) {
        return new TransactionFilter(branchId, deviceId, from, v, status, offline, paymentMethod, search);
    }

    public TransactionFilter withStatus(String v) {
        return new TransactionFilter(branchId, deviceId, from, to, blank(v), offline, paymentMethod, search);
    }

    public TransactionFilter withOffline(Boolean v) {
        return new TransactionFilter(branchId, deviceId, from, to, status, v, paymentMethod, search);
    }

    public TransactionFilter withPaymentMethod(String v) {
        return new TransactionFilter(branchId, deviceId, from, to, status, offline, blank(v), search);
    }

    public TransactionFilter withSearch(String v) {
        return new TransactionFilter(branchId, deviceId, from, to, status, offline, paymentMethod, blank(v));
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
