package io.tillsync.recovery;

import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A till as the recovery rule wants one: it keeps every acknowledged sale with the server's
 * synced_at of the answer that acknowledged it, and when a pull shows another server_epoch it
 * sends again what was acknowledged from resend_since on.
 */
final class JournalTill {

    record Kept(String offlineId, Map<String, Object> sale, Instant syncedAt) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    final String deviceId;
    private final String token;
    private final ApiClient api;
    final List<Kept> journal;
    private String epoch;
    private int seq;
    private BigDecimal taxRate = BigDecimal.ZERO;
    private boolean taxIncluded;
    private String branchCode;
    int replays;
    int resent;

    JournalTill(String deviceId, String token, ApiClient api) {
        this(deviceId, token, api, new ArrayList<>());
    }

    private JournalTill(String deviceId, String token, ApiClient api, List<Kept> journal) {
        this.deviceId = deviceId;
        this.token = token;
        this.api = api;
        this.journal = journal;
    }

    /** The same till (journal, epoch, counters) talking to another server process. */
    JournalTill on(ApiClient other) {
        JournalTill moved = new JournalTill(deviceId, token, other, journal);
        moved.epoch = epoch;
        moved.seq = seq;
        moved.taxRate = taxRate;
        moved.taxIncluded = taxIncluded;
        moved.branchCode = branchCode;
        return moved;
    }

    /** Pulls; answers how many kept sales it put back to send because the epoch changed. */
    int pull() {
        ApiClient.Response r = api.changes(token, null);
        if (r.status() != 200) {
            throw new IllegalStateException(deviceId + " pull answered " + r.status() + " " + r.raw());
        }
        JsonNode data = r.data();
        taxRate = data.get("branch").get("tax_rate").decimalValue();
        taxIncluded = data.get("branch").get("prices_include_tax").asBoolean();
        branchCode = data.get("branch").get("branch_code").asString();
        String now = data.get("server_epoch").asString();
        if (epoch == null || epoch.equals(now)) {
            epoch = now;
            return 0;
        }
        Instant since = data.hasNonNull("resend_since") ? Instant.parse(data.get("resend_since").asString()) : Instant.EPOCH;
        List<Kept> again = journal.stream().filter(k -> !k.syncedAt().isBefore(since)).toList();
        for (int i = 0; i < again.size(); i += 50) {
            push(again.subList(i, Math.min(again.size(), i + 50)).stream().map(Kept::sale).toList(), true);
        }
        epoch = now;
        resent += again.size();
        return again.size();
    }

    /** Sells sales of one line each (product, quantity 1, price) and pushes them as one batch. */
    void sell(List<long[]> productsAndPrices, Instant at) {
        List<Map<String, Object>> sales = new ArrayList<>();
        for (long[] p : productsAndPrices) {
            Map<String, Object> sale = Sales.sale(deviceId, DAY.format(at), ++seq, List.of(Sales.line(p[0], 1, p[1])));
            sale.put("created_at_device", at.toString());
            sale.put("branch_code", branchCode);
            long subtotal = p[1];
            BigDecimal tax = taxIncluded
                    ? BigDecimal.valueOf(subtotal).multiply(taxRate).divide(BigDecimal.ONE.add(taxRate), 2, RoundingMode.HALF_UP)
                    : BigDecimal.valueOf(subtotal).multiply(taxRate).setScale(2, RoundingMode.HALF_UP);
            sale.put("tax_total", tax);
            sale.put("grand_total", taxIncluded ? BigDecimal.valueOf(subtotal) : BigDecimal.valueOf(subtotal).add(tax));
            sales.add(sale);
        }
        push(sales, false);
    }

    private void push(List<Map<String, Object>> sales, boolean again) {
        Map<String, Object> batch = Sales.batch(deviceId, sales);
        batch.put("synced_at", Instant.now().toString());
        ApiClient.Response r = api.sync(token, batch);
        if (r.status() != 200) {
            throw new IllegalStateException(deviceId + " push answered " + r.status() + " " + r.raw());
        }
        Instant syncedAt = Instant.parse(r.data().get("synced_at").asString());
        Set<String> acked = new LinkedHashSet<>();
        for (JsonNode result : r.data().get("results")) {
            if (result.get("success").asBoolean() || result.get("conflict_detected").asBoolean()) {
                acked.add(result.get("offline_id").asString());
                if (result.get("replayed").asBoolean()) {
                    replays++;
                }
            } else {
                throw new IllegalStateException(deviceId + " item not acknowledged: " + result);
            }
        }
        for (Map<String, Object> sale : sales) {
            String id = (String) sale.get("offline_id");
            if (!acked.contains(id)) {
                throw new IllegalStateException(deviceId + " got no answer for " + id);
            }
            if (!again) {
                journal.add(new Kept(id, sale, syncedAt));
            }
        }
    }
}
