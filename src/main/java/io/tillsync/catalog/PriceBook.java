package io.tillsync.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A branch's dated prices for a set of products, read once per batch. */
public final class PriceBook {

    public record Price(long productId, BigDecimal price, Instant validFrom) {
    }

    private final Map<Long, List<Price>> byProduct = new HashMap<>();

    public static PriceBook of(List<Price> prices) {
        return new PriceBook(prices);
    }

    PriceBook(List<Price> prices) {
        for (Price p : prices) {
            byProduct.computeIfAbsent(p.productId(), k -> new ArrayList<>()).add(p);
        }
        byProduct.values().forEach(list -> list.sort((a, b) -> b.validFrom().compareTo(a.validFrom())));
    }

    /** The price valid at the given moment: the newest one whose validity started by then. */
    public Optional<BigDecimal> priceAt(long productId, Instant at) {
        List<Price> prices = byProduct.getOrDefault(productId, List.of());
        for (Price p : prices) {
            if (!p.validFrom().isAfter(at)) {
                return Optional.of(p.price());
            }
        }
        return Optional.empty();
    }
}
