package io.tillsync.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every answer of the device and admin API checked against the published description,
 * static/openapi.yaml, as the tests receive it. Checked more strictly than a client reads it: a
 * documented object may carry no field the description does not name, so a field renamed on
 * either side fails the test that sees it.
 */
public final class ApiContract {

    public static final String SPEC = "static/openapi.yaml";
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(strict(read()))
            .withLevelResolver(LevelResolver.create()
                    // the tests send broken requests on purpose; only the answers are checked
                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                    .build())
            .build();

    private ApiContract() {
    }

    /** Throws an AssertionError naming every difference between an answer and its description. */
    public static void check(String method, String pathAndQuery, int status, String contentType, String body) {
        String path = pathAndQuery.replaceFirst("\\?.*", "");
        if (!path.startsWith("/api/")) {
            return;
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)),
                response.build());
        if (report.hasErrors()) {
            throw new AssertionError("The answer to " + method + " " + path + " (" + status + ") differs from " + SPEC + ":\n"
                    + report.getMessages().stream().map(m -> "  - " + m.getKey() + ": " + m.getMessage()
                    + m.getContext().flatMap(c -> c.getPointers()).map(p -> " at " + p.getInstance()).orElse(""))
                    .collect(Collectors.joining("\n")) + "\n  body: " + abbreviate(body));
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "(none)" : body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
    }

    private static String read() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(SPEC)) {
            if (in == null) {
                throw new IllegalStateException(SPEC + " is not on the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The description with {@code additionalProperties: false} on every object that lists its properties. */
    static String strict(String yaml) {
        try {
            YAMLMapper mapper = new YAMLMapper();
            JsonNode root = mapper.readTree(yaml);
            close(root);
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.get("properties") instanceof ObjectNode && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(e -> close(e.getValue()));
        } else if (node != null && node.isArray()) {
            node.forEach(ApiContract::close);
        }
    }
}
