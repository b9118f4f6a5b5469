package io.tillsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import io.tillsync.support.SyncTestBase;

/** A till that lost a response sends the same items again, usually with a new envelope. */
class ResentBatchTest extends SyncTestBase {

    @Test
    void a_resent_batch_with_a_new_envelope_answers_as_a_fresh_check_of_every_item_would() {
        List<Map<String, Object>> sales = List.of(sale(1239, 1, 8000), sale(1240, 2, 5000), sale(1241, 1, 18000));
        ApiClient.Response first = push(sales);

        ApiClient.Response resent = api.sync(token, envelope(sales, 7, "2025-10-13T11:05:00Z"));
        ApiClient.Response resentAgain = api.sync(token, envelope(sales, 9, "2025-10-13T11:06:00Z"));
        // the same items in another order are a new batch to the server: checked item by item
        ApiClient.Response reordered = push(List.of(sales.get(2), sales.get(0), sales.get(1)));

        assertThat(first.data().get("success_count").asInt()).as(first.raw()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            JsonNode answer = resent.result(i);
            assertThat(answer.get("replayed").asBoolean()).as(resent.raw()).isTrue();
            assertThat(answer.get("server_id").asLong()).isEqualTo(first.result(i).get("server_id").asLong());
            assertThat(answer.get("transaction_code").asString()).isEqualTo(first.result(i).get("transaction_code").asString());
            assertThat(resentAgain.result(i)).isEqualTo(answer);
        }
        assertThat(reordered.result(0)).isEqualTo(resent.result(2));
        assertThat(reordered.result(1)).isEqualTo(resent.result(0));
        assertThat(reordered.result(2)).isEqualTo(resent.result(1));
        assertThat(resent.data().get("success_count").asInt()).isEqualTo(3);
        assertThat(resent.data().get("conflicts")).isEmpty();
        assertThat(salesOfDevice()).isEqualTo(3);
    }

    @Test
    void a_resent_batch_whose_sales_are_gone_from_the_database_is_booked_again() {
        List<Map<String, Object>> sales = List.of(sale(1239, 1, 8000), sale(1240, 1, 5000));
        ApiClient.Response first = push(sales);
        assertThat(first.data().get("success_count").asInt()).as(first.raw()).isEqualTo(2);
        // as after restoring a backup taken before this batch arrived
        jdbc.update("DELETE FROM stock_movements WHERE transaction_id IN (SELECT id FROM transactions WHERE device_id = ?)", device);
        jdbc.update("DELETE FROM transaction_items WHERE transaction_id IN (SELECT id FROM transactions WHERE device_id = ?)", device);
        jdbc.update("DELETE FROM transactions WHERE device_id = ?", device);
        BigDecimal before = stock(TestData.BRANCH, 1239);

        ApiClient.Response resent = push(sales);

        assertThat(resent.result(0).get("replayed").asBoolean()).as(resent.raw()).isFalse();
        assertThat(resent.result(1).get("replayed").asBoolean()).isFalse();
        assertThat(salesOfDevice()).isEqualTo(2);
        assertThat(stock(TestData.BRANCH, 1239)).isEqualByComparingTo(before.subtract(BigDecimal.ONE));
    }

    @Test
    void a_resent_batch_reports_its_conflict_as_it_stands_now() {
        Map<String, Object> good = sale(1239, 1, 8000);
        Map<String, Object> wrong = sale(1240, 2, 5000);
        wrong.put("grand_total", 99999);
        ApiClient.Response first = push(List.of(good, wrong));
        String conflict = first.result(1).get("conflict_id").asString();
        assertThat(first.result(1).get("conflict_status").asString()).as(first.raw()).isEqualTo("open");

        api.post("/api/v1/pos/offline/conflicts/" + conflict + "/resolve", "Bearer " + token,
                "{\"strategy\":\"keep_server\",\"comment\":\"till typo\"}");
        ApiClient.Response resent = push(List.of(good, wrong));

        assertThat(resent.result(0).get("replayed").asBoolean()).as(resent.raw()).isTrue();
        assertThat(resent.result(1).get("conflict_id").asString()).isEqualTo(conflict);
        assertThat(resent.result(1).get("conflict_status").asString()).isEqualTo("resolved");
    }

    private Map<String, Object> envelope(List<?> sales, int queueDepth, String syncedAt) {
        Map<String, Object> batch = Sales.batch(device, sales);
        batch.put("queue_depth", queueDepth);
        batch.put("synced_at", syncedAt);
        return batch;
    }
}
