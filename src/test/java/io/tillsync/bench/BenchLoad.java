package io.tillsync.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Contract-shaped batches as a busy till makes them: 3 lines a sale at its branch's prices, 10%
 * tax. A share of the sales can be made to raise the conflicts a shop really meets.
 */
final class BenchLoad {

    static final long[] PRODUCTS = {1238, 1239, 1240, 1241, 1242, 1243, 1244, 1245, 1246, 1247, 1248, 1249};
    static final long[] PRICES = {15000, 8000, 5000, 18000, 32000, 27000, 12000, 10000, 7500, 10000, 22000, 35000};
    static final String BRANCH = "BRN-MST-OSK00001";
    /** Not in any catalog. */
    static final long UNKNOWN_PRODUCT = 99999;

    /** What a sale is made to be. */
    enum Kind {
        PLAIN,
        /** A grand total that does not add up: waits for a manager. */
        BAD_TOTAL,
        /** A line of a product the branch does not sell: waits for a manager. */
        UNKNOWN,
        /** A line of the product whose stock ran out, in a branch that forbids selling below zero: waits for a manager. */
        OUT_OF_STOCK
    }

    private final String device;
    private final String branch;
    private final Map<Long, Long> prices;
    private final long[] sellable;
    private final Long outOfStock;
    private final SplittableRandom random;
    private BigDecimal taxRate = new BigDecimal("0.10");
    private boolean taxIncluded;
    private int seq;

    BenchLoad(String device, long seed) {
        this(device, BRANCH, defaultPrices(), null, seed);
    }

    /** @param outOfStock a product with no stock left, sold only by {@link Kind#OUT_OF_STOCK} sales; null for none */
    BenchLoad(String device, String branch, Map<Long, Long> prices, Long outOfStock, long seed) {
        this.device = device;
        this.branch = branch;
        this.prices = prices;
        this.outOfStock = outOfStock;
        this.sellable = prices.keySet().stream().filter(p -> !p.equals(outOfStock)).mapToLong(Long::longValue).sorted().toArray();
        this.random = new SplittableRandom(seed);
    }

    /** The branch's tax rule, as its pull tells it. */
    BenchLoad taxed(BigDecimal rate, boolean included) {
        this.taxRate = rate;
        this.taxIncluded = included;
        return this;
    }

    static Map<Long, Long> defaultPrices() {
        Map<Long, Long> prices = new LinkedHashMap<>();
        for (int i = 0; i < PRODUCTS.length; i++) {
            prices.put(PRODUCTS[i], PRICES[i]);
        }
        return prices;
    }

    /** A batch of sales; {@code conflictShare} of them carry a grand total that does not add up. */
    Map<String, Object> batch(int sales, int lines, double conflictShare) {
        List<Map<String, Object>> transactions = new ArrayList<>(sales);
        for (int i = 0; i < sales; i++) {
            transactions.add(sale(lines, random.nextDouble() < conflictShare ? Kind.BAD_TOTAL : Kind.PLAIN));
        }
        return envelope(transactions);
    }

    /** A batch where {@code conflictShare} of the sales raise a conflict, spread evenly over bad totals, unknown products and stock out. */
    Map<String, Object> mixedBatch(int sales, int lines, double conflictShare) {
        List<Map<String, Object>> transactions = new ArrayList<>(sales);
        Kind[] kinds = outOfStock == null ? new Kind[] {Kind.BAD_TOTAL, Kind.UNKNOWN}
                : new Kind[] {Kind.BAD_TOTAL, Kind.UNKNOWN, Kind.OUT_OF_STOCK};
        for (int i = 0; i < sales; i++) {
            transactions.add(sale(lines, random.nextDouble() < conflictShare ? kinds[random.nextInt(kinds.length)] : Kind.PLAIN));
        }
        return envelope(transactions);
    }

    Map<String, Object> envelope(List<Map<String, Object>> transactions) {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("transactions", transactions);
        batch.put("device_id", device);
        batch.put("synced_at", "2025-10-13T11:00:00Z");
        batch.put("queue_depth", 0);
        batch.put("app_version", "bench");
        return batch;
    }

    Map<String, Object> sale(int lines, Kind kind) {
        List<Map<String, Object>> items = new ArrayList<>(lines);
        long subtotal = 0;
        for (int l = 0; l < lines; l++) {
            long product = sellable[random.nextInt(sellable.length)];
            if (l == 0 && kind == Kind.UNKNOWN) {
                product = UNKNOWN_PRODUCT;
            } else if (l == 0 && kind == Kind.OUT_OF_STOCK) {
                product = outOfStock;
            }
            long price = prices.getOrDefault(product, 10000L);
            int qty = 1 + random.nextInt(3);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("product_id", product);
            line.put("quantity", qty);
            line.put("unit_price", price);
            line.put("subtotal", qty * price);
            subtotal += qty * price;
            items.add(line);
        }
        seq++;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("offline_id", UUID.randomUUID().toString());
        s.put("offline_reference", device + "-20251013-" + seq);
        s.put("device_id", device);
        s.put("created_at_device", "2025-10-13T10:30:00+07:00");
        s.put("branch_code", branch);
        s.put("payment_method", "CASH");
        s.put("id_user_apps", 5);
        s.put("items", items);
        s.put("subtotal", subtotal);
        s.put("discount_total", 0);
        BigDecimal net = BigDecimal.valueOf(subtotal);
        BigDecimal tax = taxIncluded ? net.multiply(taxRate).divide(BigDecimal.ONE.add(taxRate), 2, RoundingMode.HALF_UP)
                : net.multiply(taxRate).setScale(2, RoundingMode.HALF_UP);
        BigDecimal grand = taxIncluded ? net : net.add(tax);
        s.put("tax_total", tax);
        s.put("grand_total", kind == Kind.BAD_TOTAL ? grand.add(BigDecimal.ONE) : grand);
        s.put("status", "paid");
        return s;
    }
}
