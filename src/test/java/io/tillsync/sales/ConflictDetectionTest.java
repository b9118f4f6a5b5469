package io.tillsync.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import io.tillsync.support.SyncTestBase;

class ConflictDetectionTest extends SyncTestBase {

    private JsonNode onlyConflict(ApiClient.Response r) {
        assertThat(r.data().get("conflicts").size()).as(r.raw()).isEqualTo(1);
        return r.data().get("conflicts").get(0);
    }

    @Test
    void same_offline_id_with_other_content_is_a_duplicate_conflict() {
        Map<String, Object> sale = sale(1238, 1, 15000);
        push(List.of(sale));
        Map<String, Object> changed = new LinkedHashMap<>(sale);
        changed.put("items", List.of(Sales.line(1238, 2, 15000)));
        changed.put("subtotal", 30000);
        changed.put("tax_total", 3000);
        changed.put("grand_total", 33000);

        ApiClient.Response r = push(List.of(changed));

        assertThat(r.result(0).get("success").asBoolean()).isFalse();
        assertThat(r.result(0).get("conflict_detected").asBoolean()).isTrue();
        JsonNode c = onlyConflict(r);
        assertThat(c.get("conflict_type").asString()).isEqualTo("duplicate");
        assertThat(c.get("server_data").get("transaction_code").asString()).startsWith("TRX-MC01-");
        assertThat(c.get("local_data").get("grand_total").asInt()).isEqualTo(33000);
        assertThat(salesOfDevice()).isEqualTo(1);
    }

    @Test
    void a_reused_offline_reference_with_a_new_offline_id_is_a_duplicate_conflict() {
        Map<String, Object> sale = sale(1238, 1, 15000);
        push(List.of(sale));
        Map<String, Object> reinstall = new LinkedHashMap<>(sale);
        reinstall.put("offline_id", java.util.UUID.randomUUID().toString());

        ApiClient.Response r = push(List.of(reinstall));

        JsonNode c = onlyConflict(r);
        assertThat(c.get("conflict_type").asString()).isEqualTo("duplicate");
        assertThat(c.get("reason").asString()).isEqualTo("duplicate_reference");
        assertThat(salesOfDevice()).isEqualTo(1);
    }

    @Test
    void totals_that_do_not_add_up_are_a_data_mismatch_with_the_servers_version() {
        Map<String, Object> sale = sale(1238, 2, 15000);
        sale.put("items", List.of(Map.of("product_id", 1238, "quantity", 2, "unit_price", 15000, "subtotal", 31000)));
        sale.put("subtotal", 31000);
        sale.put("tax_total", 3100);
        sale.put("grand_total", 34100);

        ApiClient.Response r = push(List.of(sale));

        JsonNode c = onlyConflict(r);
        assertThat(c.get("conflict_type").asString()).isEqualTo("data_mismatch");
        assertThat(c.get("status").asString()).isEqualTo("open");
        assertThat(c.get("server_data").get("items").get(0).get("subtotal").asInt()).isEqualTo(30000);
        assertThat(c.get("server_data").get("grand_total").asInt()).isEqualTo(33000);
        assertThat(c.get("suggested_fix").asString()).isNotBlank();
        assertThat(r.data().get("success").asBoolean()).isFalse();
        assertThat(salesOfDevice()).isZero();
    }

    @Test
    void an_unknown_product_is_a_constraint_violation_and_books_nothing() {
        BigDecimal before = stock(TestData.BRANCH, 1238);
        ApiClient.Response r = push(List.of(Sales.sale(device, ++seq, 999_999, 1, 1000)));

        JsonNode c = onlyConflict(r);
        assertThat(c.get("conflict_type").asString()).isEqualTo("constraint_violation");
        assertThat(c.get("reason").asString()).isEqualTo("unknown_product");
        assertThat(c.get("server_data").get("product_id").asLong()).isEqualTo(999_999);
        assertThat(salesOfDevice()).isZero();
        assertThat(stock(TestData.BRANCH, 1238)).isEqualByComparingTo(before);
    }

    @Test
    void stock_below_zero_where_the_branch_forbids_it_is_a_constraint_violation() {
        String other = Sales.newDeviceId();
        String otherToken = api.enroll(other, TestData.OTHER_BRANCH);
        jdbc.update("UPDATE stock_levels s JOIN branches b ON b.id = s.branch_id SET s.quantity = 7 "
                + "WHERE b.code = ? AND s.product_id = 1249", TestData.OTHER_BRANCH);
        BigDecimal before = stock(TestData.OTHER_BRANCH, 1249);
        Map<String, Object> sale = Sales.sale(other, 1, 1249, before.intValue() + 1, 35000);
        sale.put("branch_code", TestData.OTHER_BRANCH);

        ApiClient.Response r = api.sync(otherToken, Sales.batch(other, List.of(sale)));

        JsonNode c = onlyConflict(r);
        assertThat(c.get("reason").asString()).as(r.raw()).isEqualTo("insufficient_stock");
        assertThat(c.get("status").asString()).isEqualTo("open");
        assertThat(new BigDecimal(c.get("server_data").get("stock_on_hand").asString())).isEqualByComparingTo(before);
        assertThat(stock(TestData.OTHER_BRANCH, 1249)).isEqualByComparingTo(before);
    }

    @Test
    void a_payment_for_a_voided_sale_and_a_non_cash_payment_without_reference_are_constraint_violations() {
        Map<String, Object> sale = sale(1240, 1, 5000);
        push(List.of(sale), List.of(), List.of(Sales.voidOf(sale.get("offline_id"))));

        ApiClient.Response r = push(List.of(), List.of(Sales.payment(sale.get("offline_id"), 5500, "CASH"),
                Sales.payment(sale.get("offline_id"), 5500, "QRIS")), List.of());

        assertThat(r.result(0).get("conflict_detected").asBoolean()).as(r.raw()).isTrue();
        assertThat(r.data().get("conflicts").get(0).get("reason").asString()).isEqualTo("sale_voided");
        assertThat(r.data().get("conflicts").get(1).get("reason").asString()).isEqualTo("sale_voided");
        Map<String, Object> paidLater = sale(1240, 1, 5000);
        paidLater.put("status", "unpaid");
        push(List.of(paidLater));
        ApiClient.Response qris = push(List.of(), List.of(Sales.payment(paidLater.get("offline_id"), 5500, "QRIS")), List.of());
        assertThat(qris.data().get("conflicts").get(0).get("reason").asString()).as(qris.raw()).isEqualTo("gateway_reference_missing");
    }

    @Test
    void a_payment_beyond_the_grand_total_is_a_data_mismatch() {
        Map<String, Object> sale = sale(1240, 1, 5000);
        sale.put("status", "unpaid");

        ApiClient.Response r = push(List.of(sale), List.of(Sales.payment(sale.get("offline_id"), 5000, "CASH"),
                Sales.payment(sale.get("offline_id"), 1000, "CASH")), List.of());

        assertThat(r.result(1).get("success").asBoolean()).as(r.raw()).isTrue();
        assertThat(r.result(2).get("success").asBoolean()).isFalse();
        assertThat(r.data().get("conflicts").get(0).get("conflict_type").asString()).isEqualTo("data_mismatch");
        assertThat(r.data().get("conflicts").get(0).get("reason").asString()).isEqualTo("payment_exceeds_total");
    }

    @Test
    void two_payments_racing_for_the_same_balance_are_checked_one_after_the_other() throws Exception {
        Map<String, Object> sale = sale(1240, 1, 5000);
        sale.put("status", "unpaid");
        push(List.of(sale));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<ApiClient.Response>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(pool.submit(() -> push(List.of(), List.of(Sales.payment(sale.get("offline_id"), 5500, "CASH")), List.of())));
        }
        int booked = 0;
        for (var f : answers) {
            if (f.get().result(0).get("success").asBoolean()) {
                booked++;
            }
        }
        pool.shutdown();
        assertThat(booked).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT SUM(p.amount) FROM payments p JOIN transactions t ON t.id = p.transaction_id "
                + "WHERE t.offline_id = ?", java.math.BigDecimal.class, sale.get("offline_id"))).isEqualByComparingTo("5500");
    }
}
