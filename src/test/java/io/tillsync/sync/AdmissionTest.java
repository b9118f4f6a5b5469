package io.tillsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import io.tillsync.support.SyncTestBase;

/** More batches than the server works on at once: the excess is answered at once with 503 and Retry-After, nothing lost. */
class AdmissionTest extends SyncTestBase {

    @Autowired
    Admission admission;

    @AfterEach
    void restore() {
        admission.resize(8, Duration.ofSeconds(1));
    }

    @Test
    void a_batch_beyond_the_limit_is_told_to_come_back_and_books_when_it_does() throws Exception {
        // narrowed in place: a second application context beside the shared one would disturb the others
        admission.resize(1, Duration.ofMillis(200));
        String other = Sales.newDeviceId();
        String otherToken = api.enroll(other, TestData.BRANCH);
        try (Connection holder = jdbc.getDataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement st = holder.prepareStatement("SELECT s.quantity FROM stock_levels s JOIN branches b "
                    + "ON b.id = s.branch_id WHERE b.code = ? AND s.product_id = 1243 FOR UPDATE")) {
                st.setString(1, TestData.BRANCH);
                st.executeQuery().close();
            }
            // the first batch takes the only place and waits inside for the held stock row
            CompletableFuture<ApiClient.Response> first = CompletableFuture.supplyAsync(() -> push(List.of(sale(1243, 1, 27000))));
            Thread.sleep(500);
            String body = ApiClient.JSON.writeValueAsString(Sales.batch(other, List.of(Sales.sale(other, 1, 1238, 1, 15000))));
            long t0 = System.nanoTime();
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(api.base() + "/api/v1/pos/offline/batch-sync"))
                    .header("Authorization", "Bearer " + otherToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("\"server_busy\"");
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(took).isLessThan(Duration.ofSeconds(3));
            assertThat(count("SELECT COUNT(*) FROM transactions WHERE device_id = ?", other)).isZero();
            // refused before the token is even looked at: a refusal costs the busy server next to nothing
            HttpResponse<String> unchecked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(api.base() + "/api/v1/pos/offline/batch-sync"))
                    .header("Authorization", "Bearer not-a-token").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unchecked.statusCode()).as(unchecked.body()).isEqualTo(503);

            holder.rollback();
            assertThat(first.get(30, TimeUnit.SECONDS).result(0).get("success").asBoolean()).isTrue();
            ApiClient.Response again = api.sync(otherToken, body);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.result(0).get("success").asBoolean()).isTrue();
            assertThat(count("SELECT COUNT(*) FROM transactions WHERE device_id = ?", other)).isEqualTo(1);
        }
    }

    @Test
    void one_branch_with_many_batches_leaves_places_for_another_branch_and_one_till_holds_at_most_two() {
        Admission places = new Admission(8, 8, Duration.ofSeconds(2), 1, 5, 2, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        places.learn("tsd_aaaaaaaaaaa1", 1);
        places.learn("tsd_aaaaaaaaaaa2", 1);
        places.learn("tsd_aaaaaaaaaaa3", 1);
        places.learn("tsd_aaaaaaaaaaa4", 1);
        places.learn("tsd_bbbbbbbbbbb1", 2);

        // alone, a branch may take every place, two per till
        List<Admission.Place> branchOne = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            branchOne.add(places.enter("tsd_aaaaaaaaaaa" + i));
            branchOne.add(places.enter("tsd_aaaaaaaaaaa" + i));
        }
        assertThat(branchOne).doesNotContainNull();
        assertThat(places.enter("tsd_aaaaaaaaaaa1")).as("a third batch of one till waits, then is refused").isNull();

        // the other branch's till waits for a place, not behind everything branch one sends
        java.util.concurrent.CompletableFuture<Admission.Place> other = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> places.enter("tsd_bbbbbbbbbbb1"));
        places.leave(branchOne.removeFirst());
        assertThat(other.join()).as("the first place to come free").isNotNull();
        // branch one now holds 7 and branch two 1; with two branches each may hold 4: branch one takes no more
        places.leave(branchOne.removeFirst());
        assertThat(places.enter("tsd_aaaaaaaaaaa3")).isNull();
        assertThat(places.enter("tsd_bbbbbbbbbbb1")).isNotNull();
    }

    @Test
    void a_place_is_taken_only_once_the_body_is_in_so_a_slow_upload_holds_none() throws Exception {
        // the one place is free while a till uploads slowly: another till's batch is booked meanwhile
        admission.resize(1, Duration.ofMillis(200));
        List<io.tillsync.reliability.SlowBodies.Target> slow = List.of(io.tillsync.reliability.SlowBodies.Target.json(
                "/api/v1/pos/offline/batch-sync", "Bearer " + token, 50_000));
        try (io.tillsync.reliability.SlowBodies uploads = new io.tillsync.reliability.SlowBodies("127.0.0.1", port,
                io.tillsync.reliability.SlowBodies.loopbackSources(1), slow, 4).start()) {
            Thread.sleep(1_500);
            String other = Sales.newDeviceId();
            String otherToken = api.enroll(other, TestData.OTHER_BRANCH);
            java.util.Map<String, Object> sale = Sales.sale(other, 1, 1238, 1, 15000);
            sale.put("branch_code", TestData.OTHER_BRANCH);
            ApiClient.Response r = api.sync(otherToken, Sales.batch(other, List.of(sale)));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(uploads.cut()).isZero();
        }
    }

    @Test
    void retry_after_grows_while_far_more_tills_are_refused_than_admitted_and_shrinks_when_none_are() {
        // a thousand refused in a second for 60 places: come back later, within the ceiling
        assertThat(Admission.nextRetryAfter(1, 60, 1000, 1, 5)).isEqualTo(5);
        assertThat(Admission.nextRetryAfter(5, 60, 1000, 1, 5)).isEqualTo(5);
        // refused about as often as places free up: steady
        assertThat(Admission.nextRetryAfter(3, 60, 60, 1, 5)).isEqualTo(3);
        // fewer refused than admitted: shorter
        assertThat(Admission.nextRetryAfter(4, 60, 15, 1, 5)).isEqualTo(3);
        // none refused: halves back to the floor
        assertThat(Admission.nextRetryAfter(5, 60, 0, 1, 5)).isEqualTo(2);
        assertThat(Admission.nextRetryAfter(1, 0, 0, 1, 5)).isEqualTo(1);
        // nothing admitted at all (every place stuck) but refusals: still within the ceiling
        assertThat(Admission.nextRetryAfter(2, 0, 500, 1, 5)).isEqualTo(5);
    }
}
