package io.tillsync.demo;

/** What goes wrong at a till now and then, each the way it happens in a shop. */
enum Trouble {
    /** data_mismatch: the till rounds the total up to the next thousand for change. Waits for a person. */
    BAD_TOTAL,
    /** duplicate: after a reinstall the till counts its sale numbers again from a backup and reuses one. */
    REINSTALL_DUPLICATE,
    /** constraint_violation: a barcode of a new supplier product the catalog does not know yet. */
    UNKNOWN_PRODUCT,
    /** data_mismatch, settled by the branch's policy: the price changed while the till was offline. */
    PRICE_CHANGED_OFFLINE,
    /** constraint_violation where the branch forbids negative stock: the last ones sold twice. */
    STOCK_OUT,
    /** held, then settled by policy: the void of a sale reaches the server before the sale. */
    VOID_BEFORE_SALE,
    /** a sequence gap: a sale number the till never sends (a crash while saving). */
    SEQUENCE_GAP,
    /** a replay: the till lost the answer to a batch and sends it again. */
    RESENT_BATCH
}
