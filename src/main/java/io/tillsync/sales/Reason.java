package io.tillsync.sales;

/**
 * Why an item became a conflict, finer than its {@link ConflictType}: stable codes stored with the
 * conflict, sent to devices as {@code reason}, and worded for managers by the back-office.
 */
public final class Reason {

    public static final String PRICE_CHANGED = "price_changed";
    public static final String LINE_SUBTOTAL_MISMATCH = "line_subtotal_mismatch";
    public static final String SUBTOTAL_MISMATCH = "subtotal_mismatch";
    public static final String GRAND_TOTAL_MISMATCH = "grand_total_mismatch";
    public static final String DISCOUNT_EXCEEDS_SUBTOTAL = "discount_exceeds_subtotal";
    public static final String PAYMENT_EXCEEDS_TOTAL = "payment_exceeds_total";
    public static final String UNKNOWN_PRODUCT = "unknown_product";
    public static final String INACTIVE_PRODUCT = "inactive_product";
    public static final String NO_PRICE = "no_price";
    public static final String INSUFFICIENT_STOCK = "insufficient_stock";
    public static final String SALE_UNKNOWN = "sale_unknown";
    public static final String SALE_VOIDED = "sale_voided";
    public static final String GATEWAY_REFERENCE_MISSING = "gateway_reference_missing";
    public static final String DUPLICATE_OFFLINE_ID = "duplicate_offline_id";
    public static final String DUPLICATE_REFERENCE = "duplicate_reference";

    private Reason() {
    }

    /** Rules no resolution may override: booking the device's version anyway would book nonsense. */
    public static boolean overridable(String reason) {
        return !UNKNOWN_PRODUCT.equals(reason);
    }
}
