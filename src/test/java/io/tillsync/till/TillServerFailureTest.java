package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.TestData;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The server goes away while the till is online: first unreachable, then dying after it has
 * committed a batch but before answering (a relay drops the answer: a real kill cannot be aimed
 * at that moment; {@link TillServerKilledTest} kills the process inside a batch). The till keeps
 * selling, retries, and the server answers the retries as replays: nothing lost, nothing doubled.
 */
class TillServerFailureTest extends TillIntegrationTest {

    @Test
    void a_server_that_is_unreachable_then_dies_before_answering_loses_and_doubles_nothing() throws Exception {
        TillDevice device = TillDevice.enroll(port, TestData.BRANCH);
        String deviceId = device.id();
        BigDecimal stockBefore = stock(1242);

        try (FlakyProxy proxy = new FlakyProxy(port); Chromium chromium = new Chromium()) {
            TillPage till = chromium.till(TillPage.url(proxy.port()), device);
            till.awaitOfflineReady();

            // the server cannot be reached; the browser thinks it is online
            proxy.refuse = true;
            Set<String> references = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                references.add(till.sellByHand(Map.of(1242L, 1), null));
            }
            till.syncNow();
            till.awaitCondition(Duration.ofSeconds(20), () -> String.valueOf(till.status().get("error")).contains("unreachable"),
                    () -> "no error shown: " + till.status());
            assertThat(till.page.locator("#alerts").textContent()).contains("Server unreachable").contains("sales are kept");
            // the pull fails as well: the till says so and keeps selling with the prices it has
            till.awaitCondition(Duration.ofSeconds(20), () -> till.status().get("pull_error") != null, () -> "no pull error: " + till.status());
            till.page.waitForFunction("() => document.querySelector('#alerts').textContent.includes('Catalog update failed')");
            Set<String> afterFailure = new HashSet<>();
            for (int i = 0; i < 55; i++) {
                afterFailure.add((String) till.sell(1242, 1).get("offline_reference"));
            }
            references.addAll(afterFailure);
            afterFailureReferences.addAll(afterFailure);
            assertThat(references).hasSize(60);
            assertThat(till.waiting()).isEqualTo(60);
            assertThat(proxy.refused.get()).isPositive();
            assertThat(booked(deviceId)).isZero();

            // back, but the next two batch-syncs die after commit, before their answer
            proxy.dropBatchAnswers.set(2);
            proxy.refuse = false;
            till.syncNow();
            till.awaitOutboxEmpty(Duration.ofSeconds(90));

            assertThat(proxy.droppedAnswers.get()).isEqualTo(2);
            assertThat(proxy.batchRequests.get()).isGreaterThanOrEqualTo(4);
            assertThat(proxy.batchAnswers).anySatisfy(a -> assertThat(a).contains("\"replayed\":true"));
            assertThat(till.sales()).hasSize(60).allSatisfy(s -> assertThat(s.get("sync")).isEqualTo("synced"));
            assertThat(till.status().get("error")).isNull();
            assertThat(jdbc.queryForList("SELECT DISTINCT offline_reference FROM transactions WHERE device_id = ?", String.class, deviceId))
                    .containsExactlyInAnyOrderElementsOf(references);
        }
        assertThat(booked(deviceId)).isEqualTo(60);
        // the browser said online, but the till's last attempt had failed: those sales were made offline
        assertThat(jdbc.queryForList("SELECT offline_reference FROM transactions WHERE device_id = ? AND is_offline", String.class, deviceId))
                .containsAll(afterFailureReferences);
        syncLog.flush();
        assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(replayed_count), 0) FROM sync_requests WHERE device_id = ?", Integer.class, deviceId))
                .as("the lost answers' items came back as replays").isGreaterThanOrEqualTo(50);
        assertThat(stockBefore.subtract(stock(1242))).isEqualByComparingTo("60");
    }

    private final Set<String> afterFailureReferences = new HashSet<>();

    private BigDecimal stock(long product) {
        return jdbc.queryForObject("SELECT quantity FROM stock_levels s JOIN branches b ON b.id = s.branch_id "
                + "WHERE b.code = 'BRN-MST-OSK00001' AND s.product_id = ?", BigDecimal.class, product);
    }
}
