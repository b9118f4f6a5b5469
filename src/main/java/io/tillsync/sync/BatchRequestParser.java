package io.tillsync.sync;

import io.tillsync.base.Rejected;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks the envelope of a batch: whole-request problems are answered with one 4xx and nothing is written. */
final class BatchRequestParser {

    static final int MAX_DEPTH = 32;
    private static final java.util.Set<String> ITEM_FIELDS = java.util.Set.of("transactions", "payments", "voids");

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH).maxNumberLength(64).maxStringLength(1_000_000).build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private BatchRequestParser() {
    }

    static JsonNode readTree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new Rejected(Rejected.Kind.MALFORMED, "malformed_json", "The request body is empty");
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Rejected(Rejected.Kind.MALFORMED, "malformed_json", "The request body is not valid JSON");
        }
    }

    static BatchRequest parse(byte[] body, int maxItems) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw new Rejected(Rejected.Kind.MALFORMED, "malformed_json", "The request body must be a JSON object");
        }
        List<JsonNode> transactions = list(root, "transactions");
        List<JsonNode> payments = list(root, "payments");
        List<JsonNode> voids = list(root, "voids");
        int total = transactions.size() + payments.size() + voids.size();
        if (total > maxItems) {
            throw new Rejected(Rejected.Kind.TOO_LARGE, "too_many_items",
                    "A batch holds at most " + maxItems + " items; this one has " + total);
        }
        JsonNode deviceNode = root.get("device_id");
        if (deviceNode == null || deviceNode.isNull()) {
            throw new Rejected(Rejected.Kind.INVALID, "validation_error", "device_id: is required", "device_id");
        }
        if (!deviceNode.isString()) {
            throw new Rejected(Rejected.Kind.INVALID, "validation_error", "device_id: must be a string", "device_id");
        }
        java.time.Instant syncedAt = null;
        JsonNode synced = root.get("synced_at");
        if (synced != null && !synced.isNull()) {
            try {
                syncedAt = OffsetDateTime.parse(synced.isString() ? synced.stringValue() : "?").toInstant();
            } catch (DateTimeParseException e) {
                throw new Rejected(Rejected.Kind.INVALID, "validation_error",
                        "synced_at: must be an ISO-8601 timestamp with an offset", "synced_at");
            }
        }
        Integer queueDepth = null;
        JsonNode queue = root.get("queue_depth");
        if (queue != null && !queue.isNull()) {
            if (!queue.isIntegralNumber() || !queue.canConvertToInt() || queue.intValue() < 0) {
                throw new Rejected(Rejected.Kind.INVALID, "validation_error",
                        "queue_depth: must be a non-negative whole number", "queue_depth");
            }
            queueDepth = queue.intValue();
        }
        String appVersion = null;
        JsonNode version = root.get("app_version");
        if (version != null && !version.isNull()) {
            if (!version.isString() || version.stringValue().length() > 40) {
                throw new Rejected(Rejected.Kind.INVALID, "validation_error",
                        "app_version: a string of at most 40 characters", "app_version");
            }
            appVersion = version.stringValue();
        }
        return new BatchRequest(transactions, payments, voids, deviceNode.stringValue(), syncedAt, queueDepth, appVersion,
                itemsDigest(body));
    }

    /**
     * SHA-256 over the bytes of the item arrays exactly as sent, leaving out the envelope
     * ({@code synced_at} and {@code queue_depth} change on every resend). Runs over a body that
     * already parsed, so it only finds where the arrays start and end.
     */
    static byte[] itemsDigest(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            p.nextToken();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_ARRAY && ITEM_FIELDS.contains(name)) {
                    int start = (int) p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    int end = (int) p.currentLocation().getByteOffset();
                    digest.update(name.getBytes(StandardCharsets.UTF_8));
                    digest.update(body, start, end - start);
                } else {
                    p.skipChildren();
                }
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> list(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new Rejected(Rejected.Kind.INVALID, "validation_error", field + ": must be an array", field);
        }
        List<JsonNode> items = new ArrayList<>(node.size());
        node.forEach(items::add);
        return items;
    }
}
