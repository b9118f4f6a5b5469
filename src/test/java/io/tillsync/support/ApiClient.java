package io.tillsync.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The device and admin API over real HTTP, as a till would call it. Every answer is checked
 * against the published description ({@link ApiContract}): a test fails on an answer that a client
 * generated from /openapi.yaml would not expect.
 */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    public record Response(int status, JsonNode body, String raw) {
        public JsonNode data() {
            return body.get("data");
        }

        public JsonNode result(int i) {
            return data().get("results").get(i);
        }

        public String errorCode() {
            return body.path("error").path("code").asString();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    public static String adminAuth() {
        return basic("admin", TestData.ADMIN_PASSWORD);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Enrolls a device in a branch and returns its token. */
    public String enroll(String deviceId, String branch) {
        Response r = post("/api/v1/admin/devices", adminAuth(),
                "{\"device_id\":\"" + deviceId + "\",\"branch_code\":\"" + branch + "\",\"name\":\"Till " + deviceId + "\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("enroll failed: " + r.status() + " " + r.raw());
        }
        return r.data().get("token").asString();
    }

    public Response sync(String token, String json) {
        return post("/api/v1/pos/offline/batch-sync", "Bearer " + token, json);
    }

    public Response sync(String token, Object body) {
        return sync(token, JSON.writeValueAsString(body));
    }

    public Response changes(String token, String cursor) {
        return get("/api/v1/pos/offline/changes" + (cursor == null ? "" : "?since=" + cursor), "Bearer " + token);
    }

    public Response post(String path, String authorization, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    public Response get(String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (RuntimeException notJson) {
                // left null: the test looks at raw
            }
            ApiContract.check(request.method(), request.uri().getRawPath() + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()),
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
            return new Response(r.statusCode(), body, r.body());
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
