package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The till open in two tabs, both selling at the same time while online: every sale gets its
 * own sequence number, one tab sends, and no item goes to the server twice. When the sending
 * tab closes, the other takes over.
 */
class TillTwoTabsTest extends TillIntegrationTest {

    static final String SELL_MANY = """
            n => { window.__selling = (async () => {
                const refs = [];
                for (let i = 0; i < n; i++) {
                  refs.push((await window.till.sell([{product_id: 1243 + (i % 3), quantity: 1}])).offline_reference);
                  if (i % 4 === 0) await new Promise(r => setTimeout(r, 5));
                }
                return refs; })(); }""";

    @Test
    @SuppressWarnings("unchecked")
    void two_tabs_selling_at_once_use_unique_references_and_send_each_sale_once() throws Exception {
        TillDevice device = TillDevice.enroll(port, TestData.BRANCH);
        String deviceId = device.id();
        String url = TillPage.url(port);

        try (Chromium chromium = new Chromium()) {
            TillPage first = chromium.till(url, device);
            // a second tab of the same browser: it shares the first one's storage
            TillPage second = TillPage.open(first.page.context().newPage(), url);
            assertThat(second.page.locator("#till").isVisible()).isTrue();
            boolean firstLeads = (Boolean) first.page.evaluate("() => window.till.isLeader()");
            boolean secondLeads = (Boolean) second.page.evaluate("() => window.till.isLeader()");
            assertThat(firstLeads ^ secondLeads).as("exactly one tab sends").isTrue();

            first.page.evaluate(SELL_MANY, 40);
            second.page.evaluate(SELL_MANY, 40);
            List<String> references = new ArrayList<>();
            references.addAll((List<String>) first.page.evaluate("() => window.__selling"));
            references.addAll((List<String>) second.page.evaluate("() => window.__selling"));
            assertThat(new HashSet<>(references)).hasSize(80);

            first.awaitOutboxEmpty(Duration.ofSeconds(60));
            assertThat(first.sales()).hasSize(80);

            // the sending tab goes away: the other one takes over
            TillPage leader = firstLeads ? first : second;
            TillPage other = firstLeads ? second : first;
            leader.page.close();
            other.page.waitForFunction("() => window.till.isLeader()");
            for (int i = 0; i < 5; i++) {
                references.add(other.sellByHand(java.util.Map.of(1243L, 1), null));
            }
            other.awaitOutboxEmpty(Duration.ofSeconds(30));
            assertThat(new HashSet<>(references)).hasSize(85);
            assertThat(jdbc.queryForList("SELECT offline_reference FROM transactions WHERE device_id = ?", String.class, deviceId))
                    .containsExactlyInAnyOrderElementsOf(references);
        }
        syncLog.flush();
        assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(total_items), 0) FROM sync_requests WHERE device_id = ? AND endpoint = 'batch-sync'",
                Integer.class, deviceId)).as("each sale sent once").isEqualTo(85);
        assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(replayed_count), 0) FROM sync_requests WHERE device_id = ?", Integer.class, deviceId)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM offline_conflicts WHERE device_id = ?", Integer.class, deviceId)).isZero();
    }
}
