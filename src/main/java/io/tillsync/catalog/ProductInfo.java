package io.tillsync.catalog;

/** What a sale needs to know of a product. */
public record ProductInfo(long id, long merchantId, String sku, String name, String unit, boolean active) {
}
