package io.tillsync.sales.booking;

/** A payment or void already booked: enough to answer its replay. */
record StoredItem(long id, String offlineId, String fingerprint, long transactionId, String rawJson) implements Stored {
}
