package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import io.tillsync.support.ApiClient;
import io.tillsync.support.TestData;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the server keeps refusing is never dropped: after a few attempts it waits for a person,
 * shown on the screen, still stored. A revoked token stops sending, not selling.
 */
class TillNeedsAttentionTest extends TillIntegrationTest {

    @Test
    void items_the_server_keeps_refusing_wait_for_a_person_and_a_revoked_token_stops_sending_not_selling() {
        TillDevice device = TillDevice.enroll(port, TestData.BRANCH);
        String deviceId = device.id();
        ApiClient api = new ApiClient(port);
        try (Chromium chromium = new Chromium()) {
            TillPage till = chromium.till(TillPage.url(port), device);
            BrowserContext context = till.page.context();
            // two sales made offline, then the device is moved to the other branch before they arrive:
            // each names a branch the device no longer belongs to, however often it is sent
            context.setOffline(true);
            till.sellByHand(Map.of(1240L, 1), null);
            till.sellByHand(Map.of(1240L, 2), null);
            jdbc.update("UPDATE devices SET branch_id = (SELECT id FROM branches WHERE code = ?) WHERE device_id = ?",
                    TestData.OTHER_BRANCH, deviceId);
            context.setOffline(false);

            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (((Number) till.status().get("attention")).intValue() < 2) {
                assertThat(System.nanoTime()).as("items never marked: %s", till.status()).isLessThan(deadline);
                till.syncNow();
                till.page.waitForTimeout(300);
            }
            assertThat(till.waiting()).as("still stored").isEqualTo(2);
            till.page.locator("#attention-box").waitFor();
            assertThat(till.page.locator("#attention").textContent()).contains("branch_mismatch").contains("5 attempts");
            assertThat(till.page.locator("#attention-count").textContent()).contains("2 need attention");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM transactions WHERE device_id = ?", Integer.class, deviceId)).isZero();

            till.page.locator("#retry").click();
            till.awaitCondition(Duration.ofSeconds(5), () -> ((Number) till.status().get("attention")).intValue() == 0,
                    () -> "retry did not requeue: " + till.status());
            assertThat(till.waiting()).isEqualTo(2);

            // the device is revoked in the back-office: the till says so and keeps selling
            assertThat(api.post("/api/v1/admin/devices/" + deviceId + "/revoke", ApiClient.adminAuth(), "{}").status()).isEqualTo(200);
            till.syncNow();
            till.page.waitForFunction("() => document.querySelector('#alerts').textContent.includes('refused this till')");
            till.sellByHand(Map.of(1240L, 1), null);
            assertThat(till.waiting()).isEqualTo(3);
        }
    }
}
