package io.tillsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class ContractExampleTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_contracts_example_request_books_as_printed_on_the_demo_data() throws Exception {
        ApiClient api = new ApiClient(port);
        String token = api.enroll("DEVICE001", "BRN-MST-OSK00001");
        String body = new String(getClass().getResourceAsStream("/contract-example-request.json").readAllBytes(), StandardCharsets.UTF_8);
        BigDecimal stockBefore = stock(1238);

        ApiClient.Response r = api.sync(token, body);

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().get("code").asInt()).isEqualTo(200);
        assertThat(r.data().get("success").asBoolean()).as(r.raw()).isTrue();
        assertThat(r.data().get("total_items").asInt()).isEqualTo(3);
        assertThat(r.data().get("success_count").asInt()).isEqualTo(3);
        assertThat(r.result(0).get("type").asString()).isEqualTo("transaction");
        assertThat(r.result(0).get("offline_id").asString()).isEqualTo("0b7c…");
        assertThat(r.result(0).get("transaction_code").asString()).matches("TRX-MC01-BRN-MST-OSK00001-251013-[0-9A-Z]{4}");
        assertThat(r.result(0).get("conflict_detected").asBoolean()).isFalse();
        assertThat(r.result(0).get("replayed").asBoolean()).isFalse();
        assertThat(r.result(1).get("type").asString()).isEqualTo("payment");
        assertThat(r.result(2).get("type").asString()).isEqualTo("void");
        long saleId = r.result(0).get("server_id").asLong();
        assertThat(jdbc.queryForObject("SELECT status FROM transactions WHERE id = ?", String.class, saleId)).isEqualTo("voided");
        assertThat(jdbc.queryForObject("SELECT grand_total FROM transactions WHERE id = ?", BigDecimal.class, saleId))
                .isEqualByComparingTo("33000");
        // sold 2 and voided: stock is back where it was, through two movements
        assertThat(stock(1238)).isEqualByComparingTo(stockBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_movements WHERE transaction_id = ?", Integer.class, saleId)).isEqualTo(2);

        ApiClient.Response again = api.sync(token, body);
        assertThat(again.data().get("success").asBoolean()).as(again.raw()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(again.result(i).get("replayed").asBoolean()).isTrue();
            assertThat(again.result(i).get("server_id").asLong()).isEqualTo(r.result(i).get("server_id").asLong());
        }
        assertThat(again.result(0).get("transaction_code").asString()).isEqualTo(r.result(0).get("transaction_code").asString());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_movements WHERE transaction_id = ?", Integer.class, saleId)).isEqualTo(2);
    }

    private BigDecimal stock(long product) {
        return jdbc.queryForObject("SELECT quantity FROM stock_levels s JOIN branches b ON b.id = s.branch_id "
                + "WHERE b.code = 'BRN-MST-OSK00001' AND s.product_id = ?", BigDecimal.class, product);
    }
}
