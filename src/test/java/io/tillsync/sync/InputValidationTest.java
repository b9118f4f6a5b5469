package io.tillsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import io.tillsync.support.SyncTestBase;

class InputValidationTest extends SyncTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    io.tillsync.devices.SyncLog syncLog;

    @Test
    void malformed_json_is_a_400_in_the_api_error_shape_and_writes_nothing() {
        ApiClient.Response r = api.sync(token, "{\"transactions\": [ {\"offline_id\": ");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("code").asInt()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("malformed_json");
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("at io.");
        syncLog.flush();
        assertThat(count("SELECT COUNT(*) FROM sync_requests WHERE device_id = ? AND http_status = 400", device)).isEqualTo(1);
    }

    @Test
    void a_body_that_is_not_an_object_or_has_a_non_array_list_is_refused_whole() {
        assertThat(api.sync(token, "[1,2,3]").status()).isEqualTo(400);
        ApiClient.Response r = api.sync(token, "{\"transactions\": {\"a\": 1}, \"device_id\": \"" + device + "\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("error").get("field").asString()).isEqualTo("transactions");
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "quantity|-2|items[0].quantity",
            "quantity|\"two\"|items[0].quantity",
            "quantity|0|items[0].quantity",
            "unit_price|1e400|items[0].unit_price",
            "unit_price|99999999999999999999|items[0].unit_price",
            "unit_price|15000.123|items[0].unit_price",
            "product_id|\"1238\"|items[0].product_id",
            "product_id|12.5|items[0].product_id",
    })
    void a_bad_line_field_is_an_item_error_naming_the_field(String field, String value, String expectedField) {
        Map<String, Object> good = sale(1238, 1, 15000);
        Map<String, Object> bad = sale(1238, 1, 15000);
        String json = ApiClient.JSON.writeValueAsString(Sales.batch(device, List.of(good, bad)));
        String badId = (String) bad.get("offline_id");
        // splice the raw value into the second sale's first line, so even invalid JSON numbers reach the server
        int at = json.indexOf(badId);
        int lineField = json.indexOf("\"" + field + "\":", json.indexOf("\"items\"", at));
        int valueEnd = json.indexOf(field.equals("subtotal") ? "}" : ",", lineField);
        json = json.substring(0, lineField) + "\"" + field + "\":" + value + json.substring(valueEnd);

        ApiClient.Response r = api.sync(token, json);

        if (r.status() == 400) {
            // numbers beyond what the parser accepts are a whole-request error: nothing is written
            assertThat(r.errorCode()).isEqualTo("malformed_json");
            assertThat(salesOfDevice()).isZero();
            return;
        }
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.result(0).get("success").asBoolean()).as(r.raw()).isTrue();
        assertThat(r.result(1).get("success").asBoolean()).isFalse();
        assertThat(r.result(1).get("error").get("code").asString()).isEqualTo("validation_error");
        assertThat(r.result(1).get("error").get("field").asString()).isEqualTo(expectedField);
        assertThat(r.result(1).get("offline_id").asString()).isEqualTo(badId);
        assertThat(salesOfDevice()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM offline_conflicts WHERE device_id = ?", device)).isZero();
    }

    @ParameterizedTest(name = "missing {0}")
    @CsvSource({"offline_id", "offline_reference", "created_at_device", "branch_code", "payment_method", "items", "subtotal", "grand_total"})
    void a_missing_required_field_is_an_item_error_naming_it(String field) {
        Map<String, Object> bad = new LinkedHashMap<>(sale(1238, 1, 15000));
        bad.remove(field);

        ApiClient.Response r = push(List.of(bad));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.result(0).get("success").asBoolean()).isFalse();
        assertThat(r.result(0).get("error").get("field").asString()).isEqualTo(field);
        assertThat(salesOfDevice()).isZero();
    }

    @Test
    void wrong_types_and_absurd_values_at_the_top_of_an_item_are_item_errors() {
        Map<String, Object> badTime = sale(1238, 1, 15000);
        badTime.put("created_at_device", "yesterday");
        Map<String, Object> noOffset = sale(1238, 1, 15000);
        noOffset.put("created_at_device", "2025-10-13T10:30:00");
        Map<String, Object> longRef = sale(1238, 1, 15000);
        longRef.put("offline_reference", "x".repeat(10_000));
        Map<String, Object> badStatus = sale(1238, 1, 15000);
        badStatus.put("status", "stolen");
        Map<String, Object> negativeDiscount = sale(1238, 1, 15000);
        negativeDiscount.put("discount_total", -5);

        ApiClient.Response r = push(List.of(badTime, noOffset, longRef, badStatus, negativeDiscount));

        List<String> fields = new ArrayList<>();
        r.data().get("results").forEach(x -> fields.add(x.get("error").get("field").asString()));
        assertThat(fields).containsExactly("created_at_device", "created_at_device", "offline_reference", "status", "discount_total");
        assertThat(salesOfDevice()).isZero();
    }

    @Test
    void one_bad_item_among_good_ones_blocks_nothing() {
        Map<String, Object> bad = sale(1238, 1, 15000);
        bad.put("items", "none");

        ApiClient.Response r = push(List.of(sale(1238, 1, 15000), bad, sale(1239, 1, 8000)),
                List.of(Map.of("offline_id", "p-1", "amount", "lots")), List.of());

        assertThat(r.data().get("success").asBoolean()).isFalse();
        assertThat(r.data().get("success_count").asInt()).isEqualTo(2);
        assertThat(r.data().get("failed_count").asInt()).isEqualTo(2);
        assertThat(r.result(3).get("type").asString()).isEqualTo("payment");
        assertThat(r.result(3).get("offline_id").asString()).isEqualTo("p-1");
        assertThat(salesOfDevice()).isEqualTo(2);
    }

    @Test
    void payments_and_voids_may_name_a_sale_of_the_same_batch() {
        Map<String, Object> sale = sale(1244, 2, 12000);
        sale.put("payment_method", "SPLIT");

        ApiClient.Response r = push(List.of(sale),
                List.of(Sales.payment(sale.get("offline_id"), 20000, "CASH"), Sales.payment(sale.get("offline_id"), 6400, "CASH")),
                List.of(Sales.voidOf(sale.get("offline_id"))));

        assertThat(r.data().get("success").asBoolean()).as(r.raw()).isTrue();
        assertThat(r.data().get("results").size()).isEqualTo(4);
        assertThat(r.result(0).get("type").asString()).isEqualTo("transaction");
        assertThat(r.result(1).get("type").asString()).isEqualTo("payment");
        assertThat(r.result(3).get("type").asString()).isEqualTo("void");
    }

    @Test
    void tax_left_out_is_computed_by_the_branchs_rule() {
        Map<String, Object> sale = sale(1238, 2, 15000);
        sale.remove("tax_total");
        sale.remove("discount_total");

        ApiClient.Response r = push(List.of(sale));

        assertThat(r.result(0).get("success").asBoolean()).as(r.raw()).isTrue();
        assertThat(r.result(0).get("conflict_detected").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject("SELECT tax_total FROM transactions WHERE device_id = ?", java.math.BigDecimal.class, device))
                .isEqualByComparingTo("3000");
    }
}
