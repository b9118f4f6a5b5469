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
import io.tillsync.support.SyncTestBase;

class ResolutionTest extends SyncTestBase {

    /** The booked sale sent again under its offline id with 3 of 1243 instead of 1: a duplicate; the id of its conflict. */
    private String duplicateOf(Map<String, Object> sale) {
        Map<String, Object> changed = new LinkedHashMap<>(sale);
        changed.put("items", List.of(Sales.line(1243, 3, 27000)));
        changed.put("subtotal", 81000);
        changed.put("tax_total", 8100);
        changed.put("grand_total", 89100);
        return push(List.of(changed)).result(0).get("conflict_id").asString();
    }

    /** A sale of a product the catalog does not know: a broken rule; the id of its conflict. */
    private String unknownProductSale() {
        return push(List.of(Sales.sale(device, ++seq, 777_777, 1, 1000))).result(0).get("conflict_id").asString();
    }

    @Test
    void keep_server_on_a_data_mismatch_books_the_servers_computation_with_the_difference_as_variance() {
        BigDecimal before = stock(TestData.BRANCH, 1238);
        String conflict = mismatched(sale(1238, 2, 15000));
        BigDecimal serverTotal = ApiClient.JSON.readTree(jdbc.queryForObject(
                "SELECT server_data FROM offline_conflicts WHERE conflict_id = ?", String.class, conflict)).get("grand_total").decimalValue();

        ApiClient.Response r = resolve("Bearer " + token, conflict, "{\"strategy\":\"keep_server\",\"comment\":\"till typo\"}");

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.data().get("status").asString()).isEqualTo("resolved");
        assertThat(r.data().get("outcome").asString()).isEqualTo("booked");
        assertThat(r.data().get("transaction_code").asString()).startsWith("TRX-MC01-");
        assertThat(salesOfDevice()).isEqualTo(1);
        assertThat(serverTotal).isNotEqualByComparingTo("40000");
        assertThat(jdbc.queryForObject("SELECT grand_total FROM transactions WHERE device_id = ?", BigDecimal.class, device))
                .isEqualByComparingTo(serverTotal);
        assertThat(jdbc.queryForObject("SELECT price_variance FROM transactions WHERE device_id = ?", BigDecimal.class, device))
                .as("what the till collected above the server's total").isEqualByComparingTo(new BigDecimal("40000").subtract(serverTotal));
        assertThat(stock(TestData.BRANCH, 1238)).isEqualByComparingTo(before.subtract(BigDecimal.valueOf(2)));
        assertThat(jdbc.queryForObject("SELECT outcome FROM offline_conflicts WHERE conflict_id = ?", String.class, conflict))
                .isEqualTo("booked");
        assertThat(jdbc.queryForObject("SELECT resolved_by_name FROM offline_conflicts WHERE conflict_id = ?", String.class, conflict))
                .isEqualTo("device:" + device);
    }

    @Test
    void keep_server_on_a_broken_rule_rejects_and_books_nothing() {
        String conflict = unknownProductSale();

        ApiClient.Response r = resolve(ApiClient.adminAuth(), conflict, "{\"strategy\":\"keep_server\"}");

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.data().get("outcome").asString()).isEqualTo("rejected");
        assertThat(r.data().has("transaction_code")).isFalse();
        assertThat(salesOfDevice()).isZero();
    }

    @Test
    void keep_server_on_a_duplicate_keeps_the_stored_record_and_does_not_book_the_copy() {
        Map<String, Object> sale = sale(1243, 1, 27000);
        push(List.of(sale));
        BigDecimal afterFirst = stock(TestData.BRANCH, 1243);
        String conflict = duplicateOf(sale);

        ApiClient.Response r = resolve(ApiClient.adminAuth(), conflict, "{\"strategy\":\"keep_server\"}");

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.data().get("outcome").asString()).isEqualTo("rejected");
        assertThat(salesOfDevice()).isEqualTo(1);
        assertThat(stock(TestData.BRANCH, 1243)).isEqualByComparingTo(afterFirst);
        assertThat(jdbc.queryForObject("SELECT grand_total FROM transactions WHERE device_id = ?", BigDecimal.class, device))
                .isNotEqualByComparingTo("89100");
    }

    @Test
    void keep_local_books_the_devices_version_with_its_stock_movement_and_audit() {
        BigDecimal before = stock(TestData.BRANCH, 1238);
        String conflict = mismatched(sale(1238, 2, 15000));

        ApiClient.Response r = resolve(ApiClient.adminAuth(), conflict, "{\"strategy\":\"keep_local\",\"comment\":\"customer paid 40000\"}");

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.data().get("transaction_code").asString()).startsWith("TRX-MC01-");
        assertThat(jdbc.queryForObject("SELECT grand_total FROM transactions WHERE device_id = ?", BigDecimal.class, device))
                .isEqualByComparingTo("40000");
        assertThat(stock(TestData.BRANCH, 1238)).isEqualByComparingTo(before.subtract(BigDecimal.valueOf(2)));
        assertThat(count("SELECT COUNT(*) FROM conflict_events e JOIN offline_conflicts c ON c.id = e.conflict_pk "
                + "WHERE c.conflict_id = ? AND e.action = 'resolved' AND e.actor = 'user:admin' AND e.strategy = 'keep_local' "
                + "AND e.comment = 'customer paid 40000' AND e.document IS NOT NULL", conflict)).isEqualTo(1);
    }

    @Test
    void merge_books_the_merged_document_once_it_passes_the_rules() {
        Map<String, Object> sale = sale(1238, 2, 15000);
        String conflict = mismatched(sale);
        Map<String, Object> broken = new LinkedHashMap<>(sale);
        broken.put("grand_total", 12345);

        ApiClient.Response refused = resolve(ApiClient.adminAuth(), conflict,
                "{\"strategy\":\"merge\",\"merged_data\":" + ApiClient.JSON.writeValueAsString(broken) + "}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo("merged_invalid");
        assertThat(salesOfDevice()).isZero();

        Map<String, Object> merged = new LinkedHashMap<>(sale);
        merged.put("grand_total", 33000);
        merged.put("branch_code", TestData.OTHER_BRANCH);
        ApiClient.Response ok = resolve(ApiClient.adminAuth(), conflict,
                "{\"strategy\":\"merge\",\"merged_data\":" + ApiClient.JSON.writeValueAsString(merged) + "}");
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        // the merge cannot move the sale to another branch: it keeps its own
        assertThat(jdbc.queryForObject("SELECT b.code FROM transactions t JOIN branches b ON b.id = t.branch_id WHERE t.device_id = ?",
                String.class, device)).isEqualTo(TestData.BRANCH);

        ApiClient.Response replay = push(List.of(sale));
        assertThat(replay.result(0).get("success").asBoolean()).as(replay.raw()).isTrue();
        assertThat(replay.result(0).get("server_id").asLong()).isEqualTo(ok.data().get("server_id").asLong());
        assertThat(salesOfDevice()).isEqualTo(1);
    }

    @Test
    void a_second_resolve_is_refused_with_409_and_changes_nothing() {
        String conflict = mismatched(sale(1238, 1, 15000));
        resolve(ApiClient.adminAuth(), conflict, "{\"strategy\":\"keep_local\"}");

        ApiClient.Response again = resolve(ApiClient.adminAuth(), conflict, "{\"strategy\":\"keep_server\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("already_resolved");
        assertThat(salesOfDevice()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT resolution_strategy FROM offline_conflicts WHERE conflict_id = ?", String.class, conflict))
                .isEqualTo("keep_local");
    }

    @Test
    void keep_local_on_a_duplicate_replaces_the_stored_record_and_reverses_its_effects() {
        Map<String, Object> sale = sale(1243, 1, 27000);
        push(List.of(sale));
        BigDecimal afterFirst = stock(TestData.BRANCH, 1243);
        String conflict = duplicateOf(sale);

        ApiClient.Response r = resolve(ApiClient.adminAuth(), conflict, "{\"strategy\":\"keep_local\"}");

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(salesOfDevice()).isEqualTo(1);
        assertThat(stock(TestData.BRANCH, 1243)).isEqualByComparingTo(afterFirst.subtract(BigDecimal.valueOf(2)));
        assertThat(jdbc.queryForObject("SELECT grand_total FROM transactions WHERE device_id = ?", BigDecimal.class, device))
                .isEqualByComparingTo("89100");
    }

    @Test
    void keep_local_cannot_book_an_unknown_product() {
        String conflict = unknownProductSale();

        ApiClient.Response r = resolve(ApiClient.adminAuth(), conflict, "{\"strategy\":\"keep_local\"}");

        assertThat(r.status()).as(r.raw()).isEqualTo(422);
        assertThat(r.errorCode()).isEqualTo("not_overridable");
        assertThat(salesOfDevice()).isZero();
    }

    @Test
    void no_one_outside_the_branch_may_resolve() {
        String conflict = mismatched(sale(1238, 1, 15000));
        String stranger = Sales.newDeviceId();
        String strangerToken = api.enroll(stranger, TestData.OTHER_BRANCH);

        ApiClient.Response byDevice = resolve("Bearer " + strangerToken, conflict, "{\"strategy\":\"keep_local\"}");
        ApiClient.Response noAuth = resolve(null, conflict, "{\"strategy\":\"keep_local\"}");
        ApiClient.Response badStrategy = resolve("Bearer " + token, conflict, "{\"strategy\":\"delete\"}");

        assertThat(byDevice.status()).isEqualTo(404);
        assertThat(noAuth.status()).isEqualTo(401);
        assertThat(badStrategy.status()).isEqualTo(422);
        assertThat(badStrategy.body().get("error").get("field").asString()).isEqualTo("strategy");
        assertThat(jdbc.queryForObject("SELECT status FROM offline_conflicts WHERE conflict_id = ?", String.class, conflict))
                .isEqualTo("open");
    }
}
