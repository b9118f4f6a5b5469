package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server answers, but with errors: a 503 while its database is away never uses up a sale's
 * attempts, a 500 does and after five puts the sales aside for a person; a failing pull leaves
 * the till selling with the prices it has. The screen says which, and every sale is booked
 * once when the server is well again.
 */
class TillServerErrorsTest extends TillIntegrationTest {

    @Test
    void server_errors_keep_every_sale_and_tell_the_cashier_what_is_wrong() throws Exception {
        TillDevice device = TillDevice.enroll(port, TestData.BRANCH);
        String deviceId = device.id();
        List<String> references = new ArrayList<>();

        try (FlakyProxy proxy = new FlakyProxy(port); Chromium chromium = new Chromium()) {
            TillPage till = chromium.till(TillPage.url(proxy.port()), device);
            till.awaitOfflineReady();

            proxy.batchStatus = 503;
            proxy.pullStatus = 503;
            for (int i = 0; i < 3; i++) {
                references.add(till.sellByHand(Map.of(1246L, 1), null));
            }
            for (int i = 0; i < 6; i++) {
                sendOnce(till, proxy);
            }
            assertThat(attention(till)).as("503s use up no attempts").isZero();
            assertThat(till.waiting()).isEqualTo(3);
            till.page.waitForFunction("() => { const t = document.querySelector('#alerts').textContent; "
                    + "return t.includes('Server busy or unavailable (HTTP 503)') && t.includes('sales are kept') "
                    + "&& t.includes('Catalog update failed'); }");

            proxy.batchStatus = 500;
            proxy.pullStatus = 500;
            till.awaitCondition(Duration.ofSeconds(60), () -> {
                if (attention(till) == 3) {
                    return true;
                }
                sendOnce(till, proxy);
                return false;
            }, () -> "never set aside: " + till.status());
            till.page.locator("#attention-box").waitFor();
            assertThat(till.page.locator("#attention").textContent()).contains("internal_error").contains("5 attempts");
            till.page.waitForFunction("() => { const t = document.querySelector('#alerts').textContent; "
                    + "return t.includes('refused a batch: internal_error') && t.includes('Pull failed (HTTP 500, internal_error)'); }");
            references.add(till.sellByHand(Map.of(1246L, 2), null));
            assertThat(booked(deviceId)).isZero();

            // well again: the new sale goes by itself, the ones set aside after Retry
            proxy.batchStatus = 0;
            proxy.pullStatus = 0;
            till.awaitCondition(Duration.ofSeconds(60), () -> booked(deviceId) == 1, () -> "the new sale was not sent: " + till.status());
            assertThat(attention(till)).isEqualTo(3);
            till.page.locator("#retry").click();
            till.awaitCondition(Duration.ofSeconds(60), () -> {
                Map<String, Object> s = till.status();
                return ((Number) s.get("waiting")).intValue() == 0 && s.get("error") == null && s.get("pull_error") == null;
            }, () -> "not caught up: " + till.status());
            till.page.waitForFunction("() => document.querySelector('#alerts').textContent === ''");
            assertThat(till.sales()).hasSize(4).allSatisfy(s -> assertThat(s.get("sync")).isEqualTo("synced"));
        }
        assertThat(jdbc.queryForList("SELECT offline_reference FROM transactions WHERE device_id = ?", String.class, deviceId))
                .containsExactlyInAnyOrderElementsOf(references);
    }

    /** Makes the till send now and waits until its request reached the relay. */
    private static void sendOnce(TillPage till, FlakyProxy proxy) {
        int before = proxy.batchRequests.get();
        till.syncNow();
        till.awaitCondition(Duration.ofSeconds(30), () -> proxy.batchRequests.get() > before, () -> "nothing sent: " + till.status());
    }

    private static int attention(TillPage till) {
        return ((Number) till.status().get("attention")).intValue();
    }
}
