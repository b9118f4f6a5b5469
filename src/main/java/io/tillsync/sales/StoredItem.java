package io.tillsync.sales;

/** A payment or void already booked: enough to answer its replay. */
public record StoredItem(long id, String offlineId, String fingerprint, long transactionId, String rawJson) {
}
