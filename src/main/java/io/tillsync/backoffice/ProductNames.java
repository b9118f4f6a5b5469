package io.tillsync.backoffice;

import java.util.Locale;

/**
 * A product's name by the id a till sends, for the JSON diff's basket lines. The view that shows
 * a diff looks the names up in the catalog and hands them over as this function, so {@code base}
 * needs no catalog of its own.
 */
@FunctionalInterface
public interface ProductNames {

    /** No names known: lines read as "Product 1239". */
    ProductNames NONE = id -> null;

    /** The product's name, or null when the catalog has no product with that id. */
    String nameOf(String productId);

    /** "Es Teh Manis (#1239)": the name to read, the id kept for whoever checks the till; null when the name is unknown. */
    default String named(String productId) {
        String name = nameOf(productId);
        return name == null || name.isBlank() ? null : name + " (#" + productId + ")";
    }

    /** As {@link #named}, or "Product 1239" when the name is unknown. */
    default String label(String productId, Locale locale) {
        String named = named(productId);
        return named != null ? named : Translations.text("diff.product", locale, productId);
    }
}
