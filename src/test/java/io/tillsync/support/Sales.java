package io.tillsync.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds contract-shaped batches for tests. */
public final class Sales {

    private Sales() {
    }

    public static Map<String, Object> sale(String deviceId, int seq, long productId, int qty, long unitPrice) {
        return sale(deviceId, "20251013", seq, List.of(line(productId, qty, unitPrice)));
    }

    public static Map<String, Object> line(long productId, int qty, long unitPrice) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("product_id", productId);
        line.put("quantity", qty);
        line.put("unit_price", unitPrice);
        line.put("subtotal", (long) qty * unitPrice);
        return line;
    }

    public static Map<String, Object> sale(String deviceId, String day, int seq, List<Map<String, Object>> lines) {
        long subtotal = lines.stream().mapToLong(l -> ((Number) l.get("subtotal")).longValue()).sum();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("offline_id", UUID.randomUUID().toString());
        s.put("offline_reference", deviceId + "-" + day + "-" + String.format("%03d", seq));
        s.put("device_id", deviceId);
        s.put("created_at_device", day.substring(0, 4) + "-" + day.substring(4, 6) + "-" + day.substring(6) + "T10:30:00Z");
        s.put("branch_code", TestData.BRANCH);
        s.put("payment_method", "CASH");
        s.put("id_user_apps", 5);
        s.put("items", new ArrayList<>(lines));
        s.put("subtotal", subtotal);
        s.put("discount_total", 0);
        s.put("tax_total", BigDecimal.valueOf(subtotal).divide(BigDecimal.TEN).longValue());
        s.put("grand_total", subtotal + subtotal / 10);
        s.put("status", "paid");
        return s;
    }

    public static Map<String, Object> payment(Object saleOfflineId, long amount, String method) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("offline_id", UUID.randomUUID().toString());
        p.put("transaction_offline_id", saleOfflineId);
        p.put("method", method);
        p.put("amount", amount);
        p.put("paid_at_device", "2025-10-13T10:30:05Z");
        return p;
    }

    public static Map<String, Object> voidOf(Object saleOfflineId) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("offline_id", UUID.randomUUID().toString());
        v.put("transaction_offline_id", saleOfflineId);
        v.put("reason", "customer cancelled");
        v.put("voided_at_device", "2025-10-13T10:40:00Z");
        v.put("id_user_apps", 5);
        return v;
    }

    public static Map<String, Object> batch(String deviceId, List<?> transactions, List<?> payments, List<?> voids) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("transactions", transactions);
        b.put("payments", payments);
        b.put("voids", voids);
        b.put("device_id", deviceId);
        b.put("synced_at", "2025-10-13T11:00:00Z");
        return b;
    }

    public static Map<String, Object> batch(String deviceId, List<?> transactions) {
        return batch(deviceId, transactions, List.of(), List.of());
    }

    public static String newDeviceId() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }
}
