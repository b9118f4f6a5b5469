package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.tillsync.support.ApiClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The server's database is restored from a backup taken while a till was selling: what the till
 * had sent after the backup is gone from the server, though the till was told it was booked. The
 * pull names a new server_epoch and the backup's instant (resend_since); the till sends again
 * what it kept from then on, the server books what it lost and answers the rest as replays, and
 * every sale is on the server once, with its payments, voids and stock.
 *
 * <p>The restore is done in the tests' real MariaDB: the device's sales and everything hanging off
 * them (lines, payments, voids, stock movements, seen sequence numbers) and the stock of the
 * products sold are put back as they were read at the backup's instant.
 */
class TillResendAfterRestoreTest extends TillIntegrationTest {

    static final String BRANCH = "BRN-MST-OSK00001";
    static final long COFFEE = 1253L;
    static final long TEA = 1255L;
    static final long CAKE = 1257L;
    static final List<Long> PRODUCTS = List.of(COFFEE, TEA, CAKE);
    static final long DAY_MS = 86_400_000L;

    private final Map<String, Map<Long, Integer>> linesByReference = new HashMap<>();
    private final List<String> paidLater = new ArrayList<>();

    @Test
    @SuppressWarnings("unchecked")
    void after_a_restore_the_till_resends_what_the_backup_lacks_and_every_sale_is_on_the_server_once() throws Exception {
        TillDevice device = TillDevice.enroll(port, BRANCH);
        String deviceId = device.id();
        String url = TillPage.url(port);
        Map<Long, BigDecimal> stockBefore = stock();
        Map<Long, Integer> sold = new HashMap<>();
        Map<String, Object> epochBefore = jdbc.queryForMap("SELECT epoch, resend_since FROM server_epoch WHERE id = 1");
        List<Response> batchAnswers = new ArrayList<>();
        List<Response> pullAnswers = new ArrayList<>();

        try (Chromium chromium = new Chromium()) {
            Page page = chromium.newPage();
            BrowserContext context = page.context();
            page.onResponse(r -> {
                if (r.url().contains("/api/v1/pos/offline/batch-sync")) {
                    batchAnswers.add(r);
                } else if (r.url().contains("/api/v1/pos/offline/changes")) {
                    pullAnswers.add(r);
                }
            });
            TillPage till = TillPage.open(page, url);
            till.enroll(device);
            assertThat(((Map<String, Object>) page.evaluate("() => window.till.serverEpoch()")).get("epoch"))
                    .as("the first pull records the epoch").isEqualTo(epochBefore.get("epoch"));

            // before the backup: sales, one paid later, one voided; all acknowledged
            String a1 = sell(till, Map.of(COFFEE, 2), false, sold);
            String a2 = sell(till, Map.of(TEA, 1, CAKE, 1), false, sold);
            String a3 = sell(till, Map.of(COFFEE, 1), true, sold);
            String a4 = sell(till, Map.of(TEA, 2), true, sold);
            sell(till, Map.of(CAKE, 3), false, sold);
            settle(till, a3);
            voidSale(till, a2, sold);
            till.awaitOutboxEmpty(Duration.ofSeconds(30));
            List<Map<String, Object>> keptBeforeBackup = kept(till);
            assertThat(keptBeforeBackup).hasSize(7);
            // one more, made offline before the backup and sent only after it
            context.setOffline(true);
            String madeOffline = sell(till, Map.of(COFFEE, 1), false, sold);
            page.waitForTimeout(50);

            Instant backupAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Backup backup = Backup.take(jdbc, deviceId);
            page.waitForTimeout(50);
            context.setOffline(false);

            // after the backup: more sales, a void of an older sale and of a new one, a settlement
            sell(till, Map.of(TEA, 1), false, sold);
            String b2 = sell(till, Map.of(CAKE, 2, COFFEE, 1), false, sold);
            sell(till, Map.of(COFFEE, 3), false, sold);
            voidSale(till, a1, sold);
            settle(till, a4);
            voidSale(till, b2, sold);
            till.awaitOutboxEmpty(Duration.ofSeconds(30));
            List<Map<String, Object>> keptBeforeRestore = kept(till);
            assertThat(keptBeforeRestore).hasSize(14);
            assertThat(count("transactions", deviceId)).isEqualTo(9);

            Set<String> bookedBeforeBackup = keptBeforeBackup.stream().map(k -> (String) k.get("offline_id")).collect(Collectors.toSet());
            Set<String> all = keptBeforeRestore.stream().map(k -> (String) k.get("offline_id")).collect(Collectors.toSet());
            Set<String> lostByTheRestore = all.stream().filter(id -> !bookedBeforeBackup.contains(id)).collect(Collectors.toSet());
            assertThat(lostByTheRestore).hasSize(7);

            // which kept items a restore to backupAt would send again: those acknowledged after it too
            // (the sale made offline before it), in their order; with the margin, all of them
            List<String> exact = (List<String>) page.evaluate("t => window.till.resendSelection(t, 0)", (double) backupAt.toEpochMilli());
            assertThat(exact).containsExactlyInAnyOrderElementsOf(lostByTheRestore);
            assertThat(exact).contains(saleId(till, madeOffline));
            List<String> everything = (List<String>) page.evaluate("() => window.till.resendSelection(null, 0)");
            assertThat(everything).containsExactlyInAnyOrderElementsOf(all);
            assertSalesBeforeTheirFollowUps(everything, keptBeforeRestore);

            // the restore: the database goes back to the backup, and gets a new epoch
            int pullsBeforeRestore = pullAnswers.size();
            batchAnswers.clear();
            backup.restore(jdbc, deviceId);
            assertThat(count("transactions", deviceId)).isEqualTo(5);
            assertThat(count("payments", deviceId)).isEqualTo(1);
            assertThat(count("voids", deviceId)).isEqualTo(1);
            assertThat(stock()).isEqualTo(backup.stock);
            String newEpoch = UUID.randomUUID().toString();
            jdbc.update("UPDATE server_epoch SET epoch = ?, resend_since = ? WHERE id = 1", newEpoch,
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").format(backupAt.atOffset(ZoneOffset.UTC)));

            till.syncNow();
            page.waitForFunction("() => !!document.querySelector('#alerts .restored')", null,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
            String notice = page.locator("#alerts .restored").textContent();
            assertThat(notice).contains("restored from a backup").contains("9 sales");
            till.awaitOutboxEmpty(Duration.ofSeconds(60));
            assertThat(till.status().get("attention")).isEqualTo(0);
            assertThat(till.sales()).hasSize(9).allSatisfy(s -> assertThat(s.get("sync")).isEqualTo("synced"));

            // the pull that saw the new epoch said since when
            // (copies: reading a body lets Playwright deliver more answers into the lists)
            JsonNode restoredPull = List.copyOf(pullAnswers.subList(pullsBeforeRestore, pullAnswers.size())).stream()
                    .map(TillResendAfterRestoreTest::json).filter(j -> newEpoch.equals(j.get("data").get("server_epoch").asString()))
                    .findFirst().orElseThrow();
            assertThat(Instant.parse(restoredPull.get("data").get("resend_since").asString())).isEqualTo(backupAt);
            Map<String, Object> epoch = (Map<String, Object>) page.evaluate("() => window.till.serverEpoch()");
            assertThat(epoch.get("epoch")).isEqualTo(newEpoch);
            assertThat(((Number) epoch.get("resent_items")).intValue()).isEqualTo(14);

            // every item went again: the ones the backup held were replays, the others were booked anew
            Map<String, JsonNode> answered = new LinkedHashMap<>();
            for (Response r : List.copyOf(batchAnswers)) {
                for (JsonNode result : json(r).get("data").get("results")) {
                    assertThat(answered.put(result.get("offline_id").asString(), result)).as("answered once").isNull();
                }
            }
            assertThat(answered.keySet()).containsExactlyInAnyOrderElementsOf(all);
            answered.forEach((id, result) -> {
                assertThat(result.get("success").asBoolean()).as("%s booked", id).isTrue();
                assertThat(result.get("conflict_detected").asBoolean()).as("%s without conflict", id).isFalse();
                assertThat(result.get("replayed").asBoolean()).as("%s replayed", id).isEqualTo(bookedBeforeBackup.contains(id));
            });

            // a second pull with the same epoch sends nothing again
            int batches = batchAnswers.size();
            long lastPull = ((Number) till.status().get("last_pull_ms")).longValue();
            till.syncNow();
            till.awaitCondition(Duration.ofSeconds(20), () -> ((Number) till.status().get("last_pull_ms")).longValue() > lastPull,
                    () -> "no pull: " + till.status());
            page.waitForTimeout(500);
            assertThat(till.waiting()).isZero();
            assertThat(batchAnswers).hasSize(batches);
            assertThat(((Map<String, Object>) page.evaluate("() => window.till.serverEpoch()")).get("restored_ms"))
                    .isEqualTo(epoch.get("restored_ms"));

            // kept 7 days after the acknowledgement, then pruned
            List<Map<String, Object>> keptNow = kept(till);
            assertThat(keptNow).hasSize(14);
            long firstAck = keptNow.stream().mapToLong(k -> ((Number) k.get("acked_ms")).longValue()).min().orElseThrow();
            long lastAck = keptNow.stream().mapToLong(k -> ((Number) k.get("acked_ms")).longValue()).max().orElseThrow();
            long ackedBeforeLast = keptNow.stream().filter(k -> ((Number) k.get("acked_ms")).longValue() < lastAck).count();
            assertThat(prune(till, firstAck + 7 * DAY_MS)).as("7 days are kept").isZero();
            assertThat(kept(till)).hasSize(14);
            assertThat(prune(till, lastAck + 7 * DAY_MS)).isEqualTo(ackedBeforeLast);
            assertThat(prune(till, lastAck + 7 * DAY_MS + 1)).isEqualTo(14 - ackedBeforeLast);
            assertThat(kept(till)).isEmpty();
        } finally {
            jdbc.update("UPDATE server_epoch SET epoch = ?, resend_since = ? WHERE id = 1", epochBefore.get("epoch"), epochBefore.get("resend_since"));
        }

        // on the server: each sale once, with what followed it, and the stock they took
        for (String reference : linesByReference.keySet()) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM transactions WHERE device_id = ? AND offline_reference = ?", Integer.class,
                    deviceId, reference)).as(reference).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT offline_id) FROM transactions WHERE device_id = ?", Integer.class, deviceId))
                .isEqualTo(9);
        assertThat(count("transactions", deviceId)).isEqualTo(9);
        assertThat(count("payments", deviceId)).isEqualTo(2);
        assertThat(count("voids", deviceId)).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT offline_reference FROM transactions WHERE device_id = ? AND status = 'voided'", String.class,
                deviceId)).hasSize(3);
        assertThat(paidLater).hasSize(2).allSatisfy(reference -> assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payments p "
                + "JOIN transactions t ON t.id = p.transaction_id WHERE t.device_id = ? AND t.offline_reference = ? AND p.amount = t.grand_total",
                Integer.class, deviceId, reference)).as("settled once: %s", reference).isEqualTo(1));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM offline_conflicts WHERE device_id = ?", Integer.class, deviceId)).isZero();
        Map<Long, BigDecimal> stockAfter = stock();
        for (long product : PRODUCTS) {
            assertThat(stockBefore.get(product).subtract(stockAfter.get(product))).as("stock of %d", product)
                    .isEqualByComparingTo(BigDecimal.valueOf(sold.getOrDefault(product, 0)));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_till_stored_by_the_first_version_keeps_its_settings_catalog_and_numbers_when_it_upgrades() {
        TillDevice device = TillDevice.enroll(port, BRANCH);
        String deviceId = device.id();
        String url = TillPage.url(port);

        try (Chromium chromium = new Chromium()) {
            Page page = chromium.newPage();
            // a till of the first version: its database at version 1, paired, with a catalog and 7 sales today
            page.navigate(url + "manifest.json");
            page.evaluate("""
                    ([deviceId, token]) => new Promise((resolve, reject) => {
                      const r = indexedDB.open('tillsync', 1);
                      r.onupgradeneeded = () => {
                        const db = r.result;
                        db.createObjectStore('config', { keyPath: 'key' });
                        db.createObjectStore('products', { keyPath: 'product_id' });
                        db.createObjectStore('sales', { keyPath: 'offline_id' }).createIndex('created', 'created_ms');
                        const outbox = db.createObjectStore('outbox', { keyPath: 'qid', autoIncrement: true });
                        outbox.createIndex('offline_id', 'offline_id', { unique: true });
                        outbox.createIndex('state', ['state', 'qid']);
                        db.createObjectStore('conflicts', { keyPath: 'offline_id' });
                        db.createObjectStore('counters', { keyPath: 'day' });
                      };
                      r.onerror = () => reject(r.error);
                      r.onsuccess = () => {
                        const db = r.result;
                        const tx = db.transaction(['config', 'products', 'counters'], 'readwrite');
                        tx.objectStore('config').put({ key: 'device', value: { device_id: deviceId, token, branch_code: 'BRN-MST-OSK00001',
                          tax_rate_bp: 1000, prices_include_tax: false, shop: { name: 'Old till' }, tax_digits: 0, cashier_id: null, server: null } });
                        tx.objectStore('config').put({ key: 'cursor', value: null });
                        tx.objectStore('products').put({ product_id: 1253, sku: 'OLD', name: 'Kept tile', unit: 'pcs', active: true,
                          price: 15000, price_cents: 1500000, stock_on_hand: 5, pending_local: 0, pending_acked: 0 });
                        const d = new Date();
                        const day = d.getFullYear() + String(d.getMonth() + 1).padStart(2, '0') + String(d.getDate()).padStart(2, '0');
                        tx.objectStore('counters').put({ day, seq: 7 });
                        tx.oncomplete = () => { db.close(); resolve(true); };
                        tx.onerror = () => reject(tx.error);
                      };
                    })""", List.of(deviceId, device.token()));

            TillPage till = TillPage.open(page, url);
            assertThat(page.locator("#till").isVisible()).as("still paired").isTrue();
            assertThat(page.evaluate("() => window.till.device().device_id")).isEqualTo(deviceId);
            Map<String, Object> stored = (Map<String, Object>) page.evaluate("""
                    () => new Promise((resolve, reject) => {
                      const r = indexedDB.open('tillsync');
                      r.onsuccess = () => { const db = r.result; resolve({ version: db.version, stores: [...db.objectStoreNames] }); db.close(); };
                      r.onerror = () => reject(r.error);
                    })""");
            assertThat(((Number) stored.get("version")).intValue()).isEqualTo(2);
            assertThat((List<String>) stored.get("stores")).contains("config", "products", "sales", "outbox", "sent", "conflicts", "counters");

            till.awaitCondition(Duration.ofSeconds(30), () -> page.evaluate("() => window.till.serverEpoch()") != null,
                    () -> "no epoch recorded: " + till.status());
            page.locator(".product[data-id='" + COFFEE + "']").waitFor();
            String reference = till.sellByHand(Map.of(COFFEE, 1), null);
            assertThat(reference).as("the day's numbering goes on").endsWith("-008");
            till.awaitOutboxEmpty(Duration.ofSeconds(30));
            assertThat(kept(till)).singleElement().satisfies(k -> {
                assertThat(k.get("type")).isEqualTo("transaction");
                assertThat(k.get("offline_reference")).isEqualTo(reference);
            });
        }
        assertThat(count("transactions", deviceId)).isEqualTo(1);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private String sell(TillPage till, Map<Long, Integer> lines, boolean payLater, Map<Long, Integer> sold) {
        String reference = till.sellByHand(new LinkedHashMap<>(lines), null, null, payLater);
        lines.forEach((p, q) -> sold.merge(p, q, Integer::sum));
        linesByReference.put(reference, lines);
        if (payLater) {
            paidLater.add(reference);
        }
        return reference;
    }

    private void voidSale(TillPage till, String reference, Map<Long, Integer> sold) {
        clearMessage(till);
        till.onRecentSale(reference, "void", "customer changed their mind");
        linesByReference.get(reference).forEach((p, q) -> sold.merge(p, -q, Integer::sum));
    }

    private static void settle(TillPage till, String reference) {
        clearMessage(till);
        till.onRecentSale(reference, "settle", null);
    }

    /** Two actions in a row say the same words: the next one is told apart by an empty line first. */
    private static void clearMessage(TillPage till) {
        till.page.evaluate("() => { document.querySelector('#sale-msg').textContent = ''; }");
    }

    /** Prunes the kept items as if the till's clock said now; returns how many went. */
    private static long prune(TillPage till, long now) {
        return ((Number) till.page.evaluate("t => window.till.pruneKept(t)", (double) now)).longValue();
    }

    private static String saleId(TillPage till, String reference) {
        return till.sales().stream().filter(s -> reference.equals(s.get("offline_reference"))).map(s -> (String) s.get("offline_id"))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> kept(TillPage till) {
        return (List<Map<String, Object>>) till.page.evaluate("() => window.till.kept()");
    }

    /** In a resend, a payment or void never goes before the sale it follows. */
    private static void assertSalesBeforeTheirFollowUps(List<String> order, List<Map<String, Object>> kept) {
        for (Map<String, Object> k : kept) {
            if (!"transaction".equals(k.get("type"))) {
                assertThat(order.indexOf((String) k.get("transaction_offline_id"))).as("sale of %s first", k.get("offline_id"))
                        .isLessThan(order.indexOf((String) k.get("offline_id")));
            }
        }
    }

    private static JsonNode json(Response r) {
        return ApiClient.JSON.readTree(r.text());
    }

    private int count(String table, String deviceId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE device_id = ?", Integer.class, deviceId);
    }

    private Map<Long, BigDecimal> stock() {
        Map<Long, BigDecimal> result = new LinkedHashMap<>();
        for (long p : PRODUCTS) {
            result.put(p, jdbc.queryForObject("SELECT quantity FROM stock_levels s JOIN branches b ON b.id = s.branch_id "
                    + "WHERE b.code = ? AND s.product_id = ?", BigDecimal.class, BRANCH, p));
        }
        return result;
    }

    /**
     * The device's part of the database at one instant, as a backup holds it, and its restore: the
     * device's sales with their lines, payments, voids, stock movements and seen sequence numbers,
     * and the branch's stock of the products sold.
     */
    record Backup(Map<String, List<Map<String, Object>>> rows, Map<Long, BigDecimal> stock) {

        /** Each table with the condition that picks the device's rows (one parameter: the device id). */
        static final Map<String, String> TABLES = tables();

        private static Map<String, String> tables() {
            Map<String, String> t = new LinkedHashMap<>();
            t.put("stock_movements", "transaction_id IN (SELECT id FROM transactions WHERE device_id = ?)"
                    + " OR void_id IN (SELECT id FROM voids WHERE device_id = ?)");
            t.put("transaction_items", "transaction_id IN (SELECT id FROM transactions WHERE device_id = ?)");
            t.put("payments", "device_id = ?");
            t.put("voids", "device_id = ?");
            t.put("device_sequence_numbers", "device_pk = (SELECT id FROM devices WHERE device_id = ?)");
            t.put("transactions", "device_id = ?");
            return t;
        }

        private static Object[] args(String condition, String deviceId) {
            return java.util.Collections.nCopies(condition.split("\\?", -1).length - 1, deviceId).toArray();
        }

        static Backup take(JdbcTemplate jdbc, String deviceId) {
            Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
            TABLES.forEach((table, condition) -> rows.put(table,
                    jdbc.queryForList("SELECT * FROM " + table + " WHERE " + condition, args(condition, deviceId))));
            Map<Long, BigDecimal> stock = new LinkedHashMap<>();
            for (long p : PRODUCTS) {
                stock.put(p, jdbc.queryForObject("SELECT quantity FROM stock_levels s JOIN branches b ON b.id = s.branch_id "
                        + "WHERE b.code = ? AND s.product_id = ?", BigDecimal.class, BRANCH, p));
            }
            return new Backup(rows, stock);
        }

        /** Deletes what the device has now (dependants first) and puts back what the backup holds. */
        void restore(JdbcTemplate jdbc, String deviceId) {
            TABLES.forEach((table, condition) -> jdbc.update("DELETE FROM " + table + " WHERE " + condition, args(condition, deviceId)));
            List<String> order = new ArrayList<>(TABLES.keySet());
            java.util.Collections.reverse(order);
            for (String table : order) {
                for (Map<String, Object> row : rows.get(table)) {
                    List<String> columns = new ArrayList<>(row.keySet());
                    jdbc.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                            + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")",
                            columns.stream().map(row::get).toArray());
                }
            }
            stock.forEach((product, quantity) -> jdbc.update("UPDATE stock_levels s JOIN branches b ON b.id = s.branch_id "
                    + "SET s.quantity = ? WHERE b.code = ? AND s.product_id = ?", quantity, BRANCH, product));
        }
    }
}
