package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import io.tillsync.catalog.CatalogService;
import io.tillsync.support.ApiClient;
import io.tillsync.support.TestData;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The branch changes a price while the till is offline and still sells at the old one. The
 * demo branch's policy settles a changed price by itself (keep_local: the customer paid what
 * the till showed), and the till shows that outcome, then sells at the new price.
 */
class TillPriceConflictTest extends TillIntegrationTest {

    /** Only this test sells it, so the price change touches no other test. */
    static final long PRODUCT = 1248;

    @Autowired
    CatalogService catalog;

    @Test
    void a_price_changed_while_offline_is_settled_by_the_branch_policy_and_the_till_shows_it() throws Exception {
        TillDevice device = TillDevice.enroll(port, TestData.BRANCH);
        String deviceId = device.id();
        long branchId = jdbc.queryForObject("SELECT id FROM branches WHERE code = 'BRN-MST-OSK00001'", Long.class);
        BigDecimal oldPrice = jdbc.queryForObject("SELECT price FROM branch_prices WHERE branch_id = ? AND product_id = ? "
                + "ORDER BY valid_from DESC LIMIT 1", BigDecimal.class, branchId, PRODUCT);
        BigDecimal newPrice = oldPrice.add(new BigDecimal("3000"));

        try (Chromium chromium = new Chromium()) {
            TillPage till = chromium.till(TillPage.url(port), device);
            BrowserContext context = till.page.context();
            till.awaitOfflineReady();

            context.setOffline(true);
            Instant beforeSale = Instant.now().minusSeconds(60);
            String reference = till.sellByHand(Map.of(PRODUCT, 2), null);
            // meanwhile at head office: the price went up, valid since before the sale
            catalog.setPrice(branchId, PRODUCT, newPrice, beforeSale);

            context.setOffline(false);
            till.awaitOutboxEmpty(Duration.ofSeconds(60));

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> conflicts = (List<Map<String, Object>>) till.page.evaluate("() => window.till.conflicts()");
            assertThat(conflicts).singleElement().satisfies(c -> {
                assertThat(c.get("offline_reference")).isEqualTo(reference);
                assertThat(c.get("auto_resolved")).isEqualTo(true);
                assertThat(c.get("resolution")).isEqualTo("keep_local");
                assertThat(c.get("booked")).isEqualTo(true);
                assertThat(c.get("conflict_type")).isEqualTo("data_mismatch");
                assertThat(c.get("reason")).isEqualTo("price_changed");
            });
            // the screen says what happened to the sale
            till.page.locator("#conflicts li").first().waitFor();
            assertThat(till.page.locator("#conflicts li").first().textContent()).contains(reference).contains("Price changed while offline")
                    .contains("Booked as sold at the till").contains("by the branch's rule");
            assertThat(till.page.locator("#conflicts li").first().getAttribute("data-resolution")).isEqualTo("keep_local");
            assertThat(till.page.locator("#recent li[data-reference='" + reference + "'] .tag.conflict").textContent()).isEqualTo("booked");

            // and the pull brought the new price: the next sale is at the new price, without a conflict
            till.awaitCondition(Duration.ofSeconds(40), () -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) till.page.evaluate("id => window.till.product(id)", (int) PRODUCT);
                return ((Number) p.get("price_cents")).longValue() == newPrice.movePointRight(2).longValueExact();
            }, () -> "price not pulled");
            String second = till.sellByHand(Map.of(PRODUCT, 1), null);
            till.awaitOutboxEmpty(Duration.ofSeconds(30));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM offline_conflicts WHERE device_id = ? AND offline_reference = ?",
                    Integer.class, deviceId, second)).isZero();
        } finally {
            catalog.setPrice(branchId, PRODUCT, oldPrice, Instant.now());
        }

        Map<String, Object> row = jdbc.queryForMap("SELECT conflict_type, status, resolution_strategy, auto_resolved FROM offline_conflicts "
                + "WHERE device_id = ?", deviceId);
        assertThat(row.get("conflict_type")).isEqualTo("data_mismatch");
        assertThat(row.get("status")).isEqualTo("resolved");
        assertThat(row.get("resolution_strategy")).isEqualTo("keep_local");
        // booked as sold: at the price the customer paid
        assertThat(jdbc.queryForObject("SELECT i.unit_price FROM transaction_items i JOIN transactions t ON t.id = i.transaction_id "
                + "WHERE t.device_id = ? ORDER BY t.id LIMIT 1", BigDecimal.class, deviceId)).isEqualByComparingTo(oldPrice);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_conflict_left_to_the_manager_shows_its_outcome_once_the_pull_reports_it() throws Exception {
        // the second demo branch forbids negative stock: selling more than it holds waits for a person
        TillDevice device = TillDevice.enroll(port, TestData.OTHER_BRANCH);
        String deviceId = device.id();
        ApiClient api = new ApiClient(port);
        try (Chromium chromium = new Chromium()) {
            TillPage till = chromium.till(TillPage.url(port), device);
            Map<String, Object> product = (Map<String, Object>) till.page.evaluate("id => window.till.product(id)", 1247);
            int tooMany = ((Number) product.get("stock_on_hand")).intValue() + 1;
            String reference = (String) till.sell(1247, tooMany).get("offline_reference");
            till.awaitOutboxEmpty(Duration.ofSeconds(60));

            List<Map<String, Object>> conflicts = (List<Map<String, Object>>) till.page.evaluate("() => window.till.conflicts()");
            assertThat(conflicts).singleElement().satisfies(c -> {
                assertThat(c.get("offline_reference")).isEqualTo(reference);
                assertThat(c.get("auto_resolved")).isEqualTo(false);
                assertThat(c.get("booked")).isEqualTo(false);
                assertThat(c.get("status")).isNotEqualTo("resolved");
            });
            till.page.waitForFunction("() => document.querySelector('#conflicts').textContent.includes('Waits for the store manager')");
            String conflictId = (String) conflicts.getFirst().get("conflict_id");

            // the store manager settles it in the back-office (here: its API, as an admin)
            ApiClient.Response resolved = api.post("/api/v1/pos/offline/conflicts/" + conflictId + "/resolve", ApiClient.adminAuth(),
                    "{\"strategy\":\"keep_server\"}");
            assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);

            till.syncNow();
            till.awaitCondition(Duration.ofSeconds(40), () -> {
                List<Map<String, Object>> now = (List<Map<String, Object>>) till.page.evaluate("() => window.till.conflicts()");
                return "resolved".equals(now.getFirst().get("status")) && now.getFirst().get("outcome") != null;
            }, () -> "no outcome pulled: " + till.page.evaluate("() => window.till.conflicts()"));
            till.page.waitForFunction("() => document.querySelector('#conflicts li').dataset.resolution === 'keep_server'");
            // in words: not booked, and what to do with money taken for it
            assertThat(till.page.locator("#conflicts li").first().textContent()).contains("Not enough stock").contains("NOT booked")
                    .contains("hand it to the store manager");
            assertThat(till.page.locator("#recent li[data-reference='" + reference + "'] .tag.conflict").textContent()).isEqualTo("NOT booked");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM transactions WHERE device_id = ? AND status <> 'rejected'", Integer.class, deviceId))
                .as("keep_server: the sale is not booked as sold").isZero();
    }
}
