package io.tillsync.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class OperationsTest {

    @LocalServerPort
    int port;

    @Test
    void health_and_readiness_are_open_for_a_load_balancer() {
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/actuator/health", null).body().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
    }

    @Test
    void prometheus_metrics_show_sync_batches_items_conflicts_and_latency_to_admins_only() {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        var bad = Sales.sale(device, 1, 1238, 1, 15000);
        bad.put("grand_total", 1);
        api.sync(token, Sales.batch(device, List.of(Sales.sale(device, 2, 1238, 1, 15000), bad)));

        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        ApiClient.Response metrics = api.get("/actuator/prometheus", ApiClient.adminAuth());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw())
                .contains("tillsync_sync_batches_total{outcome=\"partial\"")
                .contains("tillsync_sync_items_total{outcome=\"booked\",type=\"transaction\"")
                .contains("tillsync_sync_items_total{outcome=\"conflict\",type=\"transaction\"")
                .contains("tillsync_sync_conflicts_total{conflict_type=\"data_mismatch\"")
                .contains("tillsync_sync_duration_seconds_bucket");
    }

    @Test
    void the_api_description_is_served_and_names_every_endpoint() {
        ApiClient api = new ApiClient(port);
        ApiClient.Response doc = api.get("/openapi.yaml", null);
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.raw()).contains("/api/v1/pos/offline/batch-sync", "/api/v1/pos/offline/changes",
                "/api/v1/pos/offline/conflicts/{conflict_id}/resolve", "/api/v1/admin/devices", "transaction_code",
                "conflict_detected", "offline_reference");
    }

    @Test
    void the_till_is_served_and_a_missing_file_is_a_404_not_a_login_page() {
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/till/index.html", null).status()).isEqualTo(200);
        assertThat(api.get("/till/no-such-file.js", null).status()).isEqualTo(404);
    }

    @Test
    void the_back_office_asks_for_a_login_and_sends_security_headers() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'self'");
        HttpResponse<String> root = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).isIn(200, 302);
    }
}
