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
