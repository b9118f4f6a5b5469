package io.tillsync.conflicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tillsync.support.ApiClient;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ConflictBacklogMetricsTest {

    @LocalServerPort
    int port;
    @Autowired
    ConflictBacklogMetrics metrics;
    @Autowired
    MeterRegistry registry;

    @Test
    void a_conflict_left_for_a_person_is_counted_open_with_the_oldest_ones_age() {
        metrics.refresh();
        double before = gauge("tillsync.conflicts.open");
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        // totals that do not add up: a data mismatch no policy settles
        Map<String, Object> sale = Sales.sale(device, 1, 1238, 2, 15000);
        sale.put("items", List.of(Map.of("product_id", 1238, "quantity", 2, "unit_price", 15000, "subtotal", 31000)));
        sale.put("subtotal", 31000);
        sale.put("tax_total", 3100);
        sale.put("grand_total", 34100);
        ApiClient.Response r = api.sync(token, Sales.batch(device, List.of(sale)));
        assertThat(r.data().get("conflicts").get(0).get("status").asString()).as(r.raw()).isEqualTo("open");

        metrics.refresh();

        assertThat(gauge("tillsync.conflicts.open")).isEqualTo(before + 1);
        assertThat(gauge("tillsync.conflicts.open.oldest.age")).isGreaterThanOrEqualTo(0);
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }
}
