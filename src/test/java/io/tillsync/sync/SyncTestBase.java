package io.tillsync.sync;

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
abstract class SyncTestBase {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    String device;
    String token;
    int seq;

    @BeforeEach
    void enrollDevice() {
        api = new ApiClient(port);
        device = Sales.newDeviceId();
        token = api.enroll(device, TestData.BRANCH);
        seq = 0;
        // tests share the demo stock: keep it high so a stock conflict never joins a test's own
        jdbc.update("UPDATE stock_levels SET quantity = 900000 WHERE quantity < 100000");
    }

    Map<String, Object> sale(long product, int qty, long price) {
        return Sales.sale(device, ++seq, product, qty, price);
    }

    ApiClient.Response push(List<?> sales) {
        return api.sync(token, Sales.batch(device, sales));
    }

    ApiClient.Response push(List<?> sales, List<?> payments, List<?> voids) {
        return api.sync(token, Sales.batch(device, sales, payments, voids));
    }

    BigDecimal stock(String branch, long product) {
        return jdbc.queryForObject("SELECT quantity FROM stock_levels s JOIN branches b ON b.id = s.branch_id "
                + "WHERE b.code = ? AND s.product_id = ?", BigDecimal.class, branch, product);
    }

    int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    int salesOfDevice() {
        return count("SELECT COUNT(*) FROM transactions WHERE device_id = ?", device);
    }
}
