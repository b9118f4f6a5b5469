package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A new tablet in an Indonesian shop: paired with the code a manager reads off the back-office,
 * it sells offline in Bahasa Indonesia, survives a reload, and its sales reach the back-office
 * marked offline or online as they were made. With -Dtillsync.screenshots=true it also draws
 * the pictures in docs/images.
 */
class TillPairingTest extends TillIntegrationTest {

    private static final long COFFEE = 1238;
    private static final long WATER = 1240;
    private static final long TEA = 1239;
    private static final boolean SCREENSHOTS = Boolean.getBoolean("tillsync.screenshots");

    @Test
    void a_till_paired_by_code_sells_offline_in_indonesian_and_its_sales_arrive_flagged_as_made() throws Exception {
        ApiClient api = new ApiClient(port);
        String base = "http://127.0.0.1:" + port;
        String deviceId = Sales.newDeviceId();
        String enrollToken = api.enroll(deviceId, TestData.BRANCH);
        // a used and an expired code, made the way the back-office makes them
        String used = issue(api, deviceId);
        assertThat(api.post("/api/v1/pos/pair", null, "{\"pairing_code\":\"" + used + "\"}").status()).isEqualTo(200);
        String expired = issue(api, deviceId);
        jdbc.update("UPDATE device_pairing_codes SET expires_at = ? WHERE device_pk = (SELECT id FROM devices WHERE device_id = ?)",
                Timestamp.from(Instant.now().minusSeconds(1)), deviceId);

        try (Chromium chromium = new Chromium(); io.tillsync.support.Browser office = new io.tillsync.support.Browser(base)) {
            BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("id-ID").setViewportSize(1024, 768));
            TillPage till = TillPage.open(context.newPage(), TillPage.url(port));
            Page page = till.page;

            // the first screen asks for the code only, in Indonesian
            assertThat(page.locator("#pair-form").isVisible()).isTrue();
            assertThat(page.locator("#enroll-form").isHidden()).isTrue();
            assertThat(page.locator("label[for=pair-code]").textContent()).isEqualTo("Kode pemasangan");
            assertThat(page.evaluate("() => document.documentElement.lang")).isEqualTo("id");

            // used, expired and wrong: one answer for all three
            String refusedUsed = till.pair(used.toLowerCase());
            String refusedExpired = till.pair(expired);
            String refusedWrong = till.pair("ABCD-EFGH");
            assertThat(refusedUsed).contains("salah, sudah dipakai, atau kedaluwarsa");
            assertThat(List.of(refusedExpired, refusedWrong)).containsOnly(refusedUsed);

            // the manager's code, read off the device page in the back-office
            office.login("admin", TestData.ADMIN_PASSWORD);
            office.page.navigate("/devices/" + deviceId);
            office.page.locator("#pairing-code-action").click();
            String code = office.page.locator("#pairing-code").textContent().strip();
            if (SCREENSHOTS) {
                // the dialog fades in: the picture waits until it has
                office.page.waitForTimeout(1000);
            }
            assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
            screenshot(office.page, "pairing-code-backoffice.png");

            page.locator("#pair-code").fill(code.replace("-", "").toLowerCase());
            assertThat(page.locator("#pair-code").inputValue()).isEqualTo(code);
            if (SCREENSHOTS) {
                screenshot(page, "till-pairing.png");
                page.setViewportSize(390, 844);
                screenshot(page, "till-pairing-phone.png");
                page.setViewportSize(1024, 768);
            }
            assertThat(till.pair(code)).isNull();

            // device id, branch, tax rule and the shop's name came from the server
            @SuppressWarnings("unchecked")
            Map<String, Object> device = (Map<String, Object>) page.evaluate("() => window.till.device()");
            assertThat(device.get("device_id")).isEqualTo(deviceId);
            assertThat(device.get("branch_code")).isEqualTo(TestData.BRANCH);
            assertThat(((Number) device.get("tax_rate_bp")).intValue()).isEqualTo(1000);
            assertThat(page.locator("#device-name").textContent()).contains("Outlet Senopati");
            assertThat(api.changes(enrollToken, null).status()).as("the token from before pairing").isEqualTo(401);
            till.awaitOfflineReady();

            int coffeeBefore = shownStock(till, COFFEE);
            context.setOffline(true);
            page.locator("#net").waitFor();
            assertThat(page.locator("#net").textContent()).isEqualTo("luring");
            String offlineSale = sellInIndonesian(till, Map.of(COFFEE, 2, WATER, 1), "100.000");
            assertThat(page.locator(".product[data-id='" + COFFEE + "'] .stock").getAttribute("data-stock"))
                    .isEqualTo(String.valueOf(coffeeBefore - 2));
            assertThat(page.locator(".product[data-id='" + COFFEE + "'] .stock").textContent()).contains("stok " + (coffeeBefore - 2));

            // the receipt: the shop's name and address, an Indonesian date, rupiah as Indonesians write them
            String receipt = page.locator("#receipt").textContent();
            String today = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.forLanguageTag("id-ID"))
                    .format(Instant.now().atZone(ZoneId.systemDefault()));
            assertThat(receipt).contains("Toko Kopi Nusantara", "Outlet Senopati", "Jl. Senopati No. 12", offlineSale, today,
                    "Pajak 10%", "TOTAL", "Tunai", "Kembalian", "Terima kasih");
            // 2 × 15.000 + 5.000 = 35.000, tax 3.500, total 38.500, change from 100.000: 61.500
            assertThat(receipt).contains("Rp 35.000", "Rp 3.500", "Rp 38.500", "Rp 100.000", "Rp 61.500").doesNotContain("IDR", "Rp35");
            if (SCREENSHOTS) {
                // the header's count and the recent-sales list follow the receipt by a moment
                page.waitForFunction("() => document.querySelector('#waiting').textContent === '1' && document.querySelector('#recent li')");
                page.setViewportSize(1024, 1040);
                screenshot(page, "till-receipt-id.png");
                page.setViewportSize(390, 844);
                page.locator("#receipt").scrollIntoViewIfNeeded();
                page.locator("#receipt").screenshot(new Locator.ScreenshotOptions().setPath(images().resolve("till-receipt-phone.png")));
                screenshot(page, "till-phone.png");
                page.setViewportSize(1024, 768);
            }

            // a reload, still offline: the sale and the tiles' stock are still there, and so is the language
            till.reload();
            assertThat(till.waiting()).isEqualTo(1);
            assertThat(shownStock(till, COFFEE)).isEqualTo(coffeeBefore - 2);
            assertThat(page.locator("#charge").textContent()).isEqualTo("Bayar");
            // switched to English and back, remembered across a reload
            page.locator("#language").click();
            assertThat(page.locator("#charge").textContent()).isEqualTo("Charge");
            till.reload();
            assertThat(page.locator("#charge").textContent()).isEqualTo("Charge");
            page.locator("#language").click();
            assertThat(page.locator("#charge").textContent()).isEqualTo("Bayar");

            context.setOffline(false);
            till.awaitOutboxEmpty(Duration.ofSeconds(60));
            String onlineSale = sellInIndonesian(till, Map.of(TEA, 1), null);
            till.awaitOutboxEmpty(Duration.ofSeconds(30));

            assertThat(jdbc.queryForObject("SELECT is_offline FROM transactions WHERE device_id = ? AND offline_reference = ?",
                    Boolean.class, deviceId, offlineSale)).isTrue();
            assertThat(jdbc.queryForObject("SELECT is_offline FROM transactions WHERE device_id = ? AND offline_reference = ?",
                    Boolean.class, deviceId, onlineSale)).isFalse();
            // and the back-office says so
            for (Map.Entry<String, String> sale : Map.of(offlineSale, "Offline", onlineSale, "Online").entrySet()) {
                long id = jdbc.queryForObject("SELECT id FROM transactions WHERE device_id = ? AND offline_reference = ?", Long.class,
                        deviceId, sale.getKey());
                office.page.navigate("/transactions/" + id);
                office.page.waitForFunction("text => document.body.textContent.includes(text)", "Offline/online: " + sale.getValue());
            }

            // the pull corrects the tiles to the server's stock
            till.syncNow();
            BigDecimal serverCoffee = jdbc.queryForObject("SELECT quantity FROM stock_levels s JOIN branches b ON b.id = s.branch_id "
                    + "WHERE b.code = ? AND s.product_id = ?", BigDecimal.class, TestData.BRANCH, COFFEE);
            till.awaitCondition(Duration.ofSeconds(30), () -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) page.evaluate("id => window.till.product(id)", (int) COFFEE);
                return new BigDecimal(p.get("stock_on_hand").toString()).compareTo(serverCoffee) == 0
                        && ((Number) p.get("shown_stock")).intValue() == serverCoffee.intValue();
            }, () -> "tile not corrected to " + serverCoffee + ": " + page.evaluate("id => window.till.product(id)", (int) COFFEE));
        }
    }

    private static String issue(ApiClient api, String deviceId) {
        ApiClient.Response r = api.post("/api/v1/admin/devices/" + deviceId + "/pairing-code", ApiClient.adminAuth(), "");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.data().get("pairing_code").asString();
    }

    private static int shownStock(TillPage till, long product) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) till.page.evaluate("id => window.till.product(id)", (int) product);
        return ((Number) p.get("shown_stock")).intValue();
    }

    /** Taps the tiles, types the cash and presses Bayar; returns the reference the till says it recorded. */
    private static String sellInIndonesian(TillPage till, Map<Long, Integer> lines, String tendered) {
        lines.forEach((product, qty) -> {
            for (int i = 0; i < qty; i++) {
                till.page.locator(".product[data-id='" + product + "']").click();
            }
        });
        if (tendered != null) {
            till.page.locator("#tendered").fill(tendered);
        }
        assertThat(till.page.locator("#charge").textContent()).isEqualTo("Bayar");
        till.page.evaluate("() => { document.querySelector('#sale-msg').textContent = ''; }");
        till.page.locator("#charge").click();
        till.page.waitForFunction("() => document.querySelector('#sale-msg').textContent.length > 0");
        String msg = till.page.locator("#sale-msg").textContent();
        assertThat(msg).startsWith("Tercatat ");
        return msg.substring("Tercatat ".length());
    }

    private static Path images() throws java.io.IOException {
        return Files.createDirectories(Path.of("docs/images"));
    }

    private static void screenshot(Page page, String name) throws java.io.IOException {
        if (SCREENSHOTS) {
            page.screenshot(new Page.ScreenshotOptions().setPath(images().resolve(name)));
        }
    }
}
