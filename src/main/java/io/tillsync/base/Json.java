package io.tillsync.base;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON documents Tillsync stores (what a till sent, the server's version, final documents):
 * one mapper that reads amounts as exact decimals, never as binary floating point.
 */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {
    }

    public static JsonNode parse(String json) {
        return json == null ? null : MAPPER.readTree(json);
    }

    public static String write(JsonNode node) {
        return node == null ? null : MAPPER.writeValueAsString(node);
    }

    public static String pretty(String json) {
        return json == null ? null : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(parse(json));
    }
}
