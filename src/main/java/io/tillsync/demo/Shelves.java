package io.tillsync.demo;

import io.tillsync.catalog.Branch;
import io.tillsync.catalog.CatalogService;
import io.tillsync.catalog.Stock;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo shop's stock and prices: each simulated morning a delivery fills the shelves back to
 * what they held when the demo started, and after lunch the items that ran low are topped up. In
 * between, what sells out stays sold out, so tills in Kemang meet the rule against negative stock.
 */
final class Shelves {

    private static final LocalTime AFTERNOON_DELIVERY = LocalTime.of(13, 0);
    private static final BigDecimal LEAST_OPENING_STOCK = BigDecimal.valueOf(24);

    private final CatalogService catalog;
    private final Stock stock;
    private final DayRhythm rhythm;
    private final List<Branch> branches;
    private final Map<Long, Map<Long, BigDecimal>> opening = new HashMap<>();
    private final Map<Long, Map<Long, BigDecimal>> basePrices = new HashMap<>();
    private int lastDelivery;

    Shelves(CatalogService catalog, Stock stock, DayRhythm rhythm, List<Branch> branches, long now) {
        this.catalog = catalog;
        this.stock = stock;
        this.rhythm = rhythm;
        this.branches = branches;
        for (Branch b : branches) {
            Map<Long, BigDecimal> levels = new TreeMap<>();
            Map<Long, BigDecimal> prices = new HashMap<>();
            for (CatalogService.CatalogEntry e : catalog.catalog(b.id(), null)) {
                levels.put(e.productId(), e.stock() == null ? LEAST_OPENING_STOCK : e.stock().max(LEAST_OPENING_STOCK));
                if (e.price() != null) {
                    prices.put(e.productId(), e.price());
                }
            }
            opening.put(b.id(), levels);
            basePrices.put(b.id(), prices);
        }
        lastDelivery = deliveryNumber(now);
    }

    /** Two deliveries a simulated day: at opening (everything back to its opening stock) and after lunch. */
    private int deliveryNumber(long now) {
        return rhythm.day(now) * 2 + (rhythm.timeOfDay(now).isBefore(AFTERNOON_DELIVERY) ? 0 : 1);
    }

    void deliverWhenDue(long now) {
        int due = deliveryNumber(now);
        if (due == lastDelivery) {
            return;
        }
        lastDelivery = due;
        boolean morning = due % 2 == 0;
        for (Branch b : branches) {
            Map<Long, BigDecimal> deltas = new TreeMap<>();
            Map<Long, BigDecimal> full = opening.get(b.id());
            for (CatalogService.CatalogEntry e : catalog.catalog(b.id(), null)) {
                BigDecimal target = full.getOrDefault(e.productId(), LEAST_OPENING_STOCK);
                BigDecimal onHand = e.stock() == null ? BigDecimal.ZERO : e.stock();
                // after lunch only what ran below a quarter of its opening stock, up to half of it
                if (!morning) {
                    if (onHand.multiply(BigDecimal.valueOf(4)).compareTo(target) >= 0) {
                        continue;
                    }
                    target = target.divide(BigDecimal.TWO);
                }
                if (onHand.compareTo(target) < 0) {
                    deltas.put(e.productId(), target.subtract(onHand));
                }
            }
            deliver(b.id(), deltas);
        }
    }

    private void deliver(long branchId, Map<Long, BigDecimal> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        stock.deliver(branchId, deltas);
    }

    /** The price a product had when the demo started; a price change moves away from it and back. */
    BigDecimal basePrice(long branchId, long productId) {
        return basePrices.getOrDefault(branchId, Map.of()).get(productId);
    }
}
