package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Recording a sale stays under 50 ms however long the outbox: measured in the page with
 * performance.now() around the same call the Charge button makes (seal, sequence number, sale
 * and outbox entry committed to IndexedDB), with 2,000 sales waiting.
 */
class TillRecordingLatencyTest extends TillIntegrationTest {

    @Test
    @SuppressWarnings("unchecked")
    void recording_a_sale_takes_under_50_ms_at_p95_with_2000_sales_waiting() {
        TillDevice device = TillDevice.enroll(port, TestData.BRANCH);
        try (Chromium chromium = new Chromium()) {
            TillPage till = chromium.till(TillPage.url(port), device);
            till.page.context().setOffline(true);

            long filling = System.nanoTime();
            till.page.evaluate("""
                    async n => { for (let i = 0; i < n; i++) {
                        await window.till.sell([{product_id: 1238 + (i % 8), quantity: 1 + (i % 2)}, {product_id: 1246, quantity: 1}]);
                    } }""", 2000);
            System.out.printf("till: 2000 sales recorded in %d ms%n", (System.nanoTime() - filling) / 1_000_000);
            assertThat(till.waiting()).isEqualTo(2000);

            Map<String, Object> m = (Map<String, Object>) till.page.evaluate("""
                    async () => {
                      const ms = [];
                      for (let i = 0; i < 20; i++) {
                        ms.push((await window.till.sell([{product_id: 1240, quantity: 1}, {product_id: 1241, quantity: 2}])).ms);
                        await new Promise(r => setTimeout(r, 20));
                      }
                      ms.sort((a, b) => a - b);
                      return { p50: ms[9], p95: ms[18], max: ms[19], all: ms };
                    }""");
            System.out.printf("till: record a sale with 2000 waiting (20 samples): p50 %.1f ms, p95 %.1f ms, max %.1f ms on %d cores%n",
                    num(m.get("p50")), num(m.get("p95")), num(m.get("max")), Runtime.getRuntime().availableProcessors());
            assertThat(num(m.get("p95"))).isLessThan(50.0);
            assertThat(till.waiting()).isEqualTo(2020);
            assertThat((List<Object>) m.get("all")).hasSize(20);
        }
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
