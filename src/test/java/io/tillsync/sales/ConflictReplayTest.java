package io.tillsync.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import io.tillsync.support.SyncTestBase;

/**
 * Rule 3.4: a device that lost the answer to a conflicted item and sends it again must still be
 * able to show the cashier what happened, so the replay lists the conflict again, with both
 * versions and where it stands now.
 */
class ConflictReplayTest extends SyncTestBase {

    @Test
    void a_resent_conflicted_sale_lists_its_conflict_again_with_both_versions_and_its_status() {
        Map<String, Object> sale = sale(1238, 2, 15000);
        sale.put("grand_total", 40000);
        ApiClient.Response first = push(List.of(sale));
        String conflictId = first.result(0).get("conflict_id").asString();

        ApiClient.Response again = push(List.of(sale));

        assertThat(again.result(0).get("conflict_id").asString()).isEqualTo(conflictId);
        assertThat(again.result(0).get("replayed").asBoolean()).isTrue();
        JsonNode listed = again.data().get("conflicts");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("conflict_id").asString()).isEqualTo(conflictId);
        assertThat(listed.get(0).get("status").asString()).isEqualTo("open");
        assertThat(listed.get(0).get("conflict_type").asString()).isEqualTo("data_mismatch");
        assertThat(listed.get(0).get("local_data").get("grand_total").decimalValue()).isEqualByComparingTo("40000");
        assertThat(listed.get(0).get("server_data").get("grand_total").decimalValue()).isEqualByComparingTo("33000");
        assertThat(listed.get(0).get("suggested_fix").asString()).isNotBlank();
        assertThat(count("SELECT COUNT(*) FROM offline_conflicts WHERE conflict_id = ?", conflictId)).isEqualTo(1);
    }

    @Test
    void after_a_resolution_the_resent_sale_lists_its_conflict_as_resolved_and_answers_what_was_booked() {
        Map<String, Object> sale = sale(1238, 2, 15000);
        sale.put("grand_total", 40000);
        String conflictId = push(List.of(sale)).result(0).get("conflict_id").asString();
        ApiClient.Response resolved = api.post("/api/v1/pos/offline/conflicts/" + conflictId + "/resolve", ApiClient.adminAuth(),
                "{\"strategy\":\"keep_local\"}");
        assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);

        ApiClient.Response again = push(List.of(sale));

        assertThat(again.result(0).get("success").asBoolean()).isTrue();
        assertThat(again.result(0).get("server_id").asLong()).isEqualTo(resolved.data().get("server_id").asLong());
        JsonNode listed = again.data().get("conflicts").get(0);
        assertThat(listed.get("status").asString()).isEqualTo("resolved");
        assertThat(listed.get("resolution").asString()).isEqualTo("keep_local");
        assertThat(salesOfDevice()).isEqualTo(1);
    }

    @Test
    void a_resent_payment_held_for_its_sale_lists_its_held_conflict() {
        Map<String, Object> sale = sale(1238, 1, 15000);
        Map<String, Object> payment = Sales.payment(sale.get("offline_id"), 16500, "CASH");
        String conflictId = push(List.of(), List.of(payment), List.of()).result(0).get("conflict_id").asString();

        ApiClient.Response again = push(List.of(), List.of(payment), List.of());

        assertThat(again.result(0).get("conflict_id").asString()).isEqualTo(conflictId);
        assertThat(again.data().get("conflicts").get(0).get("status").asString()).isEqualTo("held");
        assertThat(again.data().get("conflicts").get(0).get("type").asString()).isEqualTo("payment");
    }
}
