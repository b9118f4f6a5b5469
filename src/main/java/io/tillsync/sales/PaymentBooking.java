package io.tillsync.sales;

import java.time.Instant;

public record PaymentBooking(PaymentDoc doc, long transactionId, String deviceId, String fingerprint, String rawJson,
                             Instant receivedAt) {
}
