package io.tillsync.sales.booking;

/** An item already stored: its id and the fingerprint a resend is compared with. */
sealed interface Stored permits StoredSale, StoredItem {

    long id();

    String fingerprint();

    /** The document as the device sent it, where it was read along (for a duplicate's server_data). */
    String rawJson();
}
