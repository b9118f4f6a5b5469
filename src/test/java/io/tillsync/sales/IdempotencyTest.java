package io.tillsync.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import io.tillsync.support.SyncTestBase;

class IdempotencyTest extends SyncTestBase {

    @Test
    void replayed_sale_returns_the_first_answer_and_has_no_second_effect() {
        Map<String, Object> sale = sale(1239, 3, 8000);
        Map<String, Object> payment = Sales.payment(sale.get("offline_id"), 26400, "CASH");
        BigDecimal before = stock(TestData.BRANCH, 1239);

        ApiClient.Response first = push(List.of(sale), List.of(payment), List.of());
        ApiClient.Response second = push(List.of(sale), List.of(payment), List.of());

        assertThat(first.data().get("success").asBoolean()).as(first.raw()).isTrue();
        assertThat(second.data().get("success").asBoolean()).as(second.raw()).isTrue();
        assertThat(second.result(0).get("replayed").asBoolean()).isTrue();
        assertThat(second.result(0).get("server_id").asLong()).isEqualTo(first.result(0).get("server_id").asLong());
        assertThat(second.result(0).get("transaction_code").asString()).isEqualTo(first.result(0).get("transaction_code").asString());
        assertThat(second.result(1).get("server_id").asLong()).isEqualTo(first.result(1).get("server_id").asLong());
        assertThat(salesOfDevice()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM payments WHERE device_id = ?", device)).isEqualTo(1);
        assertThat(stock(TestData.BRANCH, 1239)).isEqualByComparingTo(before.subtract(BigDecimal.valueOf(3)));
    }

    @Test
    void replay_is_recognised_by_content_not_bytes() {
        Map<String, Object> sale = sale(1240, 2, 5000);
        push(List.of(sale));
        Map<String, Object> rewritten = new LinkedHashMap<>(sale);
        rewritten.put("grand_total", "11000.00");
        rewritten.put("created_at_device", "2025-10-13T17:30:00+07:00");
        rewritten.put("unknown_field", "ignored");

        ApiClient.Response again = push(List.of(rewritten));

        assertThat(again.result(0).get("replayed").asBoolean()).as(again.raw()).isTrue();
        assertThat(again.result(0).get("conflict_detected").asBoolean()).isFalse();
        assertThat(salesOfDevice()).isEqualTo(1);
    }

    @Test
    void the_same_sale_sent_by_many_threads_at_once_is_stored_once() throws Exception {
        Map<String, Object> sale = sale(1241, 1, 18000);
        String body = ApiClient.JSON.writeValueAsString(Sales.batch(device, List.of(sale)));
        BigDecimal before = stock(TestData.BRANCH, 1241);
        List<ApiClient.Response> answers = sendAtOnce(body, 12);
        List<Long> ids = new ArrayList<>();
        for (ApiClient.Response r : answers) {
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.result(0).get("success").asBoolean()).as(r.raw()).isTrue();
            ids.add(r.result(0).get("server_id").asLong());
        }
        assertThat(ids).containsOnly(ids.getFirst());
        assertThat(salesOfDevice()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM stock_movements WHERE transaction_id = ?", ids.getFirst())).isEqualTo(1);
        assertThat(stock(TestData.BRANCH, 1241)).isEqualByComparingTo(before.subtract(BigDecimal.ONE));
        assertThat(count("SELECT COUNT(*) FROM offline_conflicts WHERE device_id = ?", device)).isZero();
    }

    @Test
    void a_replayed_conflict_returns_the_same_conflict_and_opens_no_second_one() {
        Map<String, Object> sale = sale(1238, 2, 15000);
        sale.put("grand_total", 99999);

        ApiClient.Response first = push(List.of(sale));
        ApiClient.Response second = push(List.of(sale));

        assertThat(first.result(0).get("conflict_detected").asBoolean()).as(first.raw()).isTrue();
        assertThat(second.result(0).get("conflict_id").asString()).isEqualTo(first.result(0).get("conflict_id").asString());
        assertThat(second.result(0).get("replayed").asBoolean()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM offline_conflicts WHERE device_id = ?", device)).isEqualTo(1);
    }

    @Test
    void the_same_sale_twice_in_one_batch_is_booked_once() {
        Map<String, Object> sale = sale(1242, 1, 32000);

        ApiClient.Response r = push(List.of(sale, sale));

        assertThat(r.result(0).get("success").asBoolean()).as(r.raw()).isTrue();
        assertThat(r.result(1).get("replayed").asBoolean()).isTrue();
        assertThat(r.result(1).get("server_id").asLong()).isEqualTo(r.result(0).get("server_id").asLong());
        assertThat(salesOfDevice()).isEqualTo(1);
    }

    @Test
    void offline_ids_that_differ_only_by_an_accent_or_case_are_different_sales() {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> plain = sale(1238, 1, 15000);
        plain.put("offline_id", "probe-" + suffix);
        Map<String, Object> accented = sale(1238, 1, 15000);
        accented.put("offline_id", "prôbe-" + suffix);
        Map<String, Object> upper = sale(1238, 1, 15000);
        upper.put("offline_id", "PROBE-" + suffix);

        ApiClient.Response r = push(List.of(plain, accented, upper));

        assertThat(r.data().get("success_count").asInt()).as(r.raw()).isEqualTo(3);
        assertThat(salesOfDevice()).isEqualTo(3);
        ApiClient.Response again = push(List.of(accented));
        assertThat(again.result(0).get("replayed").asBoolean()).isTrue();
        assertThat(again.result(0).get("server_id").asLong()).isEqualTo(r.result(1).get("server_id").asLong());
    }

    @Test
    void the_same_void_sent_by_many_threads_at_once_is_a_replay_for_all_but_one_and_never_a_conflict() throws Exception {
        Map<String, Object> sale = sale(1243, 1, 18000);
        long saleId = push(List.of(sale)).result(0).get("server_id").asLong();
        String body = ApiClient.JSON.writeValueAsString(Sales.batch(device, List.of(), List.of(),
                List.of(Sales.voidOf(sale.get("offline_id")))));
        List<ApiClient.Response> answers = sendAtOnce(body, 12);
        for (ApiClient.Response r : answers) {
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.result(0).get("success").asBoolean()).as(r.raw()).isTrue();
            assertThat(r.result(0).get("conflict_detected").asBoolean()).as(r.raw()).isFalse();
        }
        assertThat(count("SELECT COUNT(*) FROM voids WHERE transaction_id = ?", saleId)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT reason FROM offline_conflicts WHERE device_id = ? AND item_type = 'void'", device)).isEmpty();
    }

    /** The same body from many threads released together, as tills retrying through two nodes would. */
    private List<ApiClient.Response> sendAtOnce(String body, int threads) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ApiClient.Response>> pending = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                pending.add(pool.submit(() -> {
                    start.await();
                    ApiClient.Response r = api.sync(token, body);
                    // one till holds at most half the admission places: the rest are told to come back, as a till does
                    for (int tries = 0; r.status() == 503 && tries < 20; tries++) {
                        Thread.sleep(200);
                        r = api.sync(token, body);
                    }
                    return r;
                }));
            }
            start.countDown();
            List<ApiClient.Response> answers = new ArrayList<>();
            for (Future<ApiClient.Response> f : pending) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }
}
