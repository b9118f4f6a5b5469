package io.tillsync.conflicts.ui;

import io.tillsync.backoffice.ProductNames;
import io.tillsync.catalog.CatalogService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The branch catalog's names of the products on a conflict's lines, either side's, read once per
 * page: the diff, the merge and the rule break name a line "Es Teh Manis (#1239)", not by its id alone.
 */
final class LineProducts implements ProductNames {

    static final LineProducts NONE = new LineProducts(Map.of());

    private final Map<Long, String> names;

    private LineProducts(Map<Long, String> names) {
        this.names = names;
    }

    static LineProducts of(CatalogService catalog, long branchId, JsonNode... documents) {
        Set<Long> ids = new HashSet<>();
        for (JsonNode document : documents) {
            document.path("items").forEach(line -> {
                if (line.path("product_id").canConvertToLong()) {
                    ids.add(line.path("product_id").asLong());
                }
            });
        }
        Map<Long, String> names = new HashMap<>();
        catalog.catalog(branchId, ids).forEach(e -> names.put(e.productId(), e.name()));
        return new LineProducts(Map.copyOf(names));
    }

    @Override
    public String nameOf(String productId) {
        return productId != null && productId.matches("\\d{1,18}") ? names.get(Long.parseLong(productId)) : null;
    }

    /** The names by product id, as the rule break's lines look them up. */
    Map<Long, String> byId() {
        return names;
    }
}
