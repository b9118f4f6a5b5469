package io.tillsync.sales;

import java.time.Instant;

public record VoidBooking(VoidDoc doc, long transactionId, long branchId, String deviceId, String fingerprint,
                          String rawJson, Instant receivedAt) {
}
