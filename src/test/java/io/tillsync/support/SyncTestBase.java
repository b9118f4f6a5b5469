package io.tillsync.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each test gets a freshly enrolled device, so tests never see each other's sales. */
@IntegrationTest
public abstract class SyncTestBase {

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;

    protected ApiClient api;
    protected String device;
    protected String token;
    protected int seq;

    @BeforeEach
    void enrollDevice() {
        api = new ApiClient(port);
        device = Sales.newDeviceId();
        token = api.enroll(device, TestData.BRANCH);
        seq = 0;
        // tests share the demo stock: keep it high so a stock conflict never joins a test's own
        jdbc.update("UPDATE stock_levels SET quantity = 900000 WHERE quantity < 100000");
    }

    protected Map<String, Object> sale(long product, int qty, long price) {
        return Sales.sale(device, ++seq, product, qty, price);
    }

    protected ApiClient.Response push(List<?> sales) {
        return api.sync(token, Sales.batch(device, sales));
    }

    protected ApiClient.Response push(List<?> sales, List<?> payments, List<?> voids) {
        return api.sync(token, Sales.batch(device, sales, payments, voids));
    }

    /** Sends the sale with a grand total that does not add up; returns the id of the conflict that waits for a manager. */
    protected String mismatched(Map<String, Object> sale) {
        sale.put("grand_total", 40000);
        ApiClient.Response r = push(List.of(sale));
        assertThat(r.result(0).get("conflict_detected").asBoolean()).as(r.raw()).isTrue();
        return r.result(0).get("conflict_id").asString();
    }

    /** Resolves a conflict through the API, as whoever {@code authorization} names (none when null). */
    protected ApiClient.Response resolve(String authorization, String conflictId, String body) {
        return api.post("/api/v1/pos/offline/conflicts/" + conflictId + "/resolve", authorization, body);
    }

    protected BigDecimal stock(String branch, long product) {
        return jdbc.queryForObject("SELECT quantity FROM stock_levels s JOIN branches b ON b.id = s.branch_id "
                + "WHERE b.code = ? AND s.product_id = ?", BigDecimal.class, branch, product);
    }

    protected int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    protected int salesOfDevice() {
        return count("SELECT COUNT(*) FROM transactions WHERE device_id = ?", device);
    }
}
