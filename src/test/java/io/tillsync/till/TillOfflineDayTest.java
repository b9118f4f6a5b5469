package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import io.tillsync.support.TestData;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A till opened once in the morning, then offline all day: it sells, is reloaded and the
 * browser restarted on the same profile, and everything reaches the server once when the
 * network is back.
 */
class TillOfflineDayTest extends TillIntegrationTest {

    @Test
    void thirty_sales_made_offline_across_a_reload_and_a_browser_restart_reach_the_server_once_each() throws Exception {
        TillDevice device = TillDevice.enroll(port, TestData.BRANCH);
        String deviceId = device.id();
        String url = TillPage.url(port);
        Path profile = Files.createTempDirectory("till-profile");
        Map<Long, Integer> sold = new HashMap<>();
        Set<String> references = new HashSet<>();
        ordered.clear();
        linesByReference.clear();
        Map<Long, BigDecimal> stockBefore = stock(List.of(1238L, 1239L, 1240L, 1241L));

        try (Chromium chromium = new Chromium()) {
            BrowserContext context = chromium.launchPersistent(profile);
            TillPage till = TillPage.open(Chromium.firstPage(context), url);
            till.enroll(device);
            till.awaitOfflineReady();

            context.setOffline(true);
            for (int i = 0; i < 10; i++) {
                references.add(sellOne(till, i, sold));
            }
            till.reload();
            assertThat(till.waiting()).isEqualTo(10);
            // a void, offline too: the third sale's goods go back on the shelf
            String voided = ordered.get(2);
            till.onRecentSale(voided, "void", "customer changed their mind");
            linesByReference.get(voided).forEach((p, q) -> sold.merge(p, -q, Integer::sum));
            for (int i = 10; i < 20; i++) {
                references.add(sellOne(till, i, sold));
            }
            // pay later, settled in cash a moment after, still offline
            String payLater = ordered.get(15);
            till.onRecentSale(payLater, "settle", null);
            assertThat(till.waiting()).isEqualTo(22);
            context.close();

            // the browser restarts on the same profile, still without a network
            context = chromium.launchPersistent(profile);
            context.setOffline(true);
            till = TillPage.open(Chromium.firstPage(context), url);
            assertThat(till.page.locator("#net").textContent()).isEqualTo("offline");
            assertThat(till.waiting()).isEqualTo(22);
            for (int i = 20; i < 30; i++) {
                references.add(sellOne(till, i, sold));
            }
            assertThat(references).hasSize(30);
            assertThat(till.waiting()).isEqualTo(32);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM transactions WHERE device_id = ?", Integer.class, deviceId)).isZero();

            context.setOffline(false);
            till.awaitOutboxEmpty(Duration.ofSeconds(60));
            assertThat(till.sales()).hasSize(30).allSatisfy(s -> assertThat(s.get("sync")).isEqualTo("synced"));
            assertThat(till.sales()).filteredOn(s -> "voided".equals(s.get("status"))).singleElement()
                    .satisfies(s -> assertThat(s.get("offline_reference")).isEqualTo(voided));
            context.close();
        }

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM transactions WHERE device_id = ?", Integer.class, deviceId)).isEqualTo(30);
        List<String> stored = jdbc.queryForList("SELECT DISTINCT offline_reference FROM transactions WHERE device_id = ?", String.class, deviceId);
        assertThat(stored).containsExactlyInAnyOrderElementsOf(references);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM offline_conflicts WHERE device_id = ?", Integer.class, deviceId)).isZero();
        // every item went over the wire once: no replays, no second copy
        // the sequence counted 1..30 across the reload and the restart
        assertThat(references).extracting(r -> Integer.parseInt(r.substring(r.lastIndexOf('-') + 1)))
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 30).boxed().toList());
        assertThat(jdbc.queryForList("SELECT offline_reference FROM transactions WHERE device_id = ? AND status = 'voided'", String.class, deviceId))
                .containsExactly(ordered.get(2));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payments WHERE device_id = ?", Integer.class, deviceId)).isEqualTo(1);
        syncLog.flush();
        assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(total_items), 0) FROM sync_requests WHERE device_id = ? AND endpoint = 'batch-sync'",
                Integer.class, deviceId)).isEqualTo(32);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sync_requests WHERE device_id = ? AND endpoint = 'batch-sync' AND queue_depth IS NULL",
                Integer.class, deviceId)).isZero();
        assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(replayed_count), 0) FROM sync_requests WHERE device_id = ?", Integer.class, deviceId)).isZero();
        assertThat(jdbc.queryForObject("SELECT MAX(app_version) FROM sync_requests WHERE device_id = ?", String.class, deviceId)).startsWith("till-web/");
        Map<Long, BigDecimal> stockAfter = stock(List.of(1238L, 1239L, 1240L, 1241L));
        sold.forEach((product, qty) -> assertThat(stockBefore.get(product).subtract(stockAfter.get(product)))
                .as("stock of %d", product).isEqualByComparingTo(BigDecimal.valueOf(qty)));
    }

    private final List<String> ordered = new java.util.ArrayList<>();
    private final Map<String, Map<Long, Integer>> linesByReference = new HashMap<>();

    /** Alternates products, quantities, tenders and discounts, like a morning at a coffee bar. */
    private String sellOne(TillPage till, int i, Map<Long, Integer> sold) {
        Map<Long, Integer> lines = new LinkedHashMap<>();
        lines.put(1238L + (i % 4), 1 + i % 3);
        if (i % 5 == 0) {
            lines.put(1241L, 1);
        }
        lines.forEach((p, q) -> sold.merge(p, q, Integer::sum));
        String discount = i % 7 == 3 ? "10%" : i % 7 == 5 ? "1.234" : null;
        String reference = till.sellByHand(lines, i % 2 == 0 ? "100000" : null, discount, i == 15);
        ordered.add(reference);
        linesByReference.put(reference, lines);
        return reference;
    }

    private Map<Long, BigDecimal> stock(List<Long> products) {
        Map<Long, BigDecimal> result = new HashMap<>();
        for (long p : products) {
            result.put(p, jdbc.queryForObject("SELECT quantity FROM stock_levels s JOIN branches b ON b.id = s.branch_id "
                    + "WHERE b.code = 'BRN-MST-OSK00001' AND s.product_id = ?", BigDecimal.class, p));
        }
        return result;
    }
}
