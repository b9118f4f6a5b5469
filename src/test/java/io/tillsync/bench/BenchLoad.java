package io.tillsync.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/** Contract-shaped batches as a busy till makes them: 3 lines a sale, the branch's prices, 10% tax. */
final class BenchLoad {

    static final long[] PRODUCTS = {1238, 1239, 1240, 1241, 1242, 1243, 1244, 1245, 1246, 1247, 1248, 1249};
    static final long[] PRICES = {15000, 8000, 5000, 18000, 32000, 27000, 12000, 10000, 7500, 10000, 22000, 35000};

    private final String device;
    private final SplittableRandom random;
    private int seq;

    BenchLoad(String device, long seed) {
        this.device = device;
        this.random = new SplittableRandom(seed);
    }

    /** A batch of sales; {@code conflictShare} of them carry a grand total that does not add up. */
    Map<String, Object> batch(int sales, int lines, double conflictShare) {
        List<Map<String, Object>> transactions = new ArrayList<>(sales);
        for (int i = 0; i < sales; i++) {
            transactions.add(sale(lines, random.nextDouble() < conflictShare));
        }
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("transactions", transactions);
        batch.put("device_id", device);
        batch.put("synced_at", "2025-10-13T11:00:00Z");
        batch.put("queue_depth", 0);
        batch.put("app_version", "bench");
        return batch;
    }

    private Map<String, Object> sale(int lines, boolean broken) {
        List<Map<String, Object>> items = new ArrayList<>(lines);
        long subtotal = 0;
        for (int l = 0; l < lines; l++) {
            int p = random.nextInt(PRODUCTS.length);
            int qty = 1 + random.nextInt(3);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("product_id", PRODUCTS[p]);
            line.put("quantity", qty);
            line.put("unit_price", PRICES[p]);
            line.put("subtotal", qty * PRICES[p]);
            subtotal += qty * PRICES[p];
            items.add(line);
        }
        seq++;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("offline_id", UUID.randomUUID().toString());
        s.put("offline_reference", device + "-20251013-" + seq);
        s.put("device_id", device);
        s.put("created_at_device", "2025-10-13T10:30:00+07:00");
        s.put("branch_code", "BRN-MST-OSK00001");
        s.put("payment_method", "CASH");
        s.put("id_user_apps", 5);
        s.put("items", items);
        s.put("subtotal", subtotal);
        s.put("discount_total", 0);
        s.put("tax_total", subtotal / 10);
        s.put("grand_total", broken ? subtotal : subtotal + subtotal / 10);
        s.put("status", "paid");
        return s;
    }
}
