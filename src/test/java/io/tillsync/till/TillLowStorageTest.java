package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import io.tillsync.support.TestData;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The device runs out of space in the middle of a day. Chromium's DevTools quota override
 * shrinks the till's storage to a few sales more than it holds (on a profile on disk, so the
 * usage grows as on a real device): sales go on until one does not fit, that one is refused
 * in plain words with its basket kept, and every sale shown as recorded is kept and booked
 * once, also while the till cannot even note the server's confirmation.
 */
class TillLowStorageTest extends TillIntegrationTest {

    private static final long ROOM_FOR_A_FEW_SALES = 24 * 1024;

    @Test
    void a_full_storage_refuses_the_sale_that_does_not_fit_and_keeps_and_sends_every_recorded_one() throws Exception {
        TillDevice device = TillDevice.enroll(port, TestData.BRANCH);
        String deviceId = device.id();
        String origin = "http://127.0.0.1:" + port;
        List<String> shown = new ArrayList<>();

        try (Chromium chromium = new Chromium()) {
            BrowserContext context = chromium.launchPersistent(Files.createTempDirectory("till-storage"));
            Page page = Chromium.firstPage(context);
            CDPSession devtools = context.newCDPSession(page);
            // a small device from the start: the room the browser remembers stays below the probe's 3 MB
            quota(devtools, origin, 2L * 1024 * 1024);
            TillPage till = TillPage.open(page, TillPage.url(port));
            till.enroll(device);
            till.awaitOfflineReady();
            context.setOffline(true);
            for (int i = 0; i < 3; i++) {
                shown.add(till.sellByHand(Map.of(1238L, 1), null));
            }

            quota(devtools, origin, usage(page) + ROOM_FOR_A_FEW_SALES);
            assertThat(lookAtQuotaNow(page)).contains("QuotaExceededError");
            String refusal = null;
            for (int i = 0; i < 60 && refusal == null; i++) {
                String answer = till.charge(Map.of(1239L, 1 + i % 2));
                if (answer.startsWith("Recorded ")) {
                    shown.add(answer.substring("Recorded ".length()));
                } else {
                    refusal = answer;
                }
            }
            assertThat(refusal).as("no sale was refused").isNotNull().contains("Storage is full").contains("NOT recorded");
            assertThat(shown).as("sales went on while there was room").hasSizeGreaterThan(3);
            System.out.println("[low storage] " + (shown.size() - 3) + " sales fitted in the squeezed quota, then: " + refusal);

            // not shown as done: no receipt, the basket kept for another try; the header says what is wrong
            assertThat(page.locator("#receipt").isHidden()).isTrue();
            assertThat(page.locator("#basket tbody tr").count()).isEqualTo(1);
            assertThat(page.locator("#charge").isEnabled()).isTrue();
            page.waitForFunction("() => document.querySelector('#alerts').textContent.includes('Storage is full: new sales cannot be saved')");
            assertThat(till.status()).containsEntry("storage_full", true);
            assertThat(till.waiting()).isEqualTo(shown.size());
            assertThat(till.pressCharge()).contains("NOT recorded");
            assertThat(till.waiting()).as("a refused sale leaves nothing behind").isEqualTo(shown.size());
            page.onceDialog(d -> d.accept("customer left"));
            String before = page.locator("#sale-msg").textContent();
            page.locator("#recent li[data-reference='" + shown.get(0) + "'] button.void").click();
            page.waitForFunction("before => document.querySelector('#sale-msg').textContent !== before", before);
            assertThat(page.locator("#sale-msg").textContent()).contains("Storage is full").contains("NOT saved");
            assertThat(till.sales()).filteredOn(s -> s.get("offline_reference").equals(shown.get(0)))
                    .singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("paid"));

            // online while still full: the server books the sales; the till cannot note that and keeps them
            context.setOffline(false);
            till.syncNow();
            till.awaitCondition(Duration.ofSeconds(60), () -> booked(deviceId) == shown.size(), () -> "not booked: " + till.status());
            till.awaitCondition(Duration.ofSeconds(30), () -> String.valueOf(till.status().get("error")).contains("Storage is full"),
                    () -> "no sync error shown: " + till.status());
            assertThat(till.waiting()).isEqualTo(shown.size());
            page.waitForFunction("() => document.querySelector('#alerts').textContent.includes('answer cannot be noted')");

            // space is back: the kept basket is charged with the next number, and everything is sent once
            quota(devtools, origin, null);
            String answer = till.pressCharge();
            assertThat(answer).startsWith("Recorded ");
            shown.add(answer.substring("Recorded ".length()));
            assertThat(seq(shown.getLast())).as("the refused tries took no number").isEqualTo(seq(shown.get(shown.size() - 2)) + 1);
            page.waitForFunction("() => !document.querySelector('#alerts').textContent.includes('Storage is full')");
            till.awaitCondition(Duration.ofSeconds(60), () -> {
                Map<String, Object> s = till.status();
                return ((Number) s.get("waiting")).intValue() == 0 && s.get("error") == null;
            }, () -> "not all sent: " + till.status());
            assertThat(till.sales()).hasSize(shown.size()).allSatisfy(s -> assertThat(s.get("sync")).isEqualTo("synced"));
            context.close();
        }

        assertThat(jdbc.queryForList("SELECT offline_reference FROM transactions WHERE device_id = ?", String.class, deviceId))
                .as("every sale shown as recorded, once").containsExactlyInAnyOrderElementsOf(shown);
        syncLog.flush();
        assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(replayed_count), 0) FROM sync_requests WHERE device_id = ?", Integer.class, deviceId))
                .as("the confirmation the till could not note came back as replays").isPositive();
    }

    private static long usage(Page page) {
        return ((Number) page.evaluate("async () => (await navigator.storage.estimate()).usage")).longValue();
    }

    /** Overrides the origin's quota; null gives the browser's own back. */
    private static void quota(CDPSession devtools, String origin, Long bytes) {
        JsonObject params = new JsonObject();
        params.addProperty("origin", origin);
        if (bytes != null) {
            params.addProperty("quotaSize", bytes);
        }
        devtools.send("Storage.overrideQuotaForOrigin", params);
    }

    /**
     * Chromium does not ask for the quota on every write: it keeps the room it was last told of
     * and lets it fade over 30 seconds. A write bigger than that room makes it ask at once, so
     * the squeezed quota holds from the next sale on instead of up to half a minute later. The
     * write goes to a database of its own and, refused, stores nothing. Random bytes: a
     * browser may compress what it stores.
     */
    private static String lookAtQuotaNow(Page page) {
        return (String) page.evaluate("""
                () => new Promise((resolve) => {
                  const bytes = new Uint8Array(3 * 1024 * 1024);
                  for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
                  const open = indexedDB.open('quota-probe', 1);
                  open.onupgradeneeded = () => open.result.createObjectStore('probe');
                  open.onerror = () => resolve('open: ' + (open.error && open.error.name));
                  open.onsuccess = () => {
                    const db = open.result;
                    const tx = db.transaction('probe', 'readwrite');
                    tx.objectStore('probe').put(bytes, 'big');
                    tx.oncomplete = () => { db.close(); resolve('stored'); };
                    tx.onabort = () => { db.close(); resolve(tx.error ? tx.error.name : 'aborted'); };
                  };
                })""");
    }

    private static int seq(String reference) {
        return Integer.parseInt(reference.substring(reference.lastIndexOf('-') + 1));
    }
}
