package io.tillsync.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The device API as a till calls it: over HTTP on the application's own port, loopback only. */
final class DeviceApi implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** An answer; {@code status} 0 when the request did not get one (connection refused, timeout). */
    record Reply(int status, JsonNode body, long retryAfterSeconds) {
        JsonNode data() {
            return body == null ? null : body.get("data");
        }

        boolean ok() {
            return status == 200 && data() != null;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;

    DeviceApi(int port, String contextPath) {
        this.base = "http://127.0.0.1:" + port + contextPath;
    }

    Reply post(String path, String token, String json) throws InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply get(String path, String token) throws InterruptedException {
        return send(request(path, token).GET().build());
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("User-Agent", "tillsync-demo-till");
    }

    private Reply send(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (RuntimeException notJson) {
                // an answer that is not the API's envelope: treated like no answer
            }
            long retryAfter = r.headers().firstValueAsLong("Retry-After").orElse(0);
            return new Reply(r.statusCode(), body, retryAfter);
        } catch (IOException e) {
            return new Reply(0, null, 0);
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
