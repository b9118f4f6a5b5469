package io.tillsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thousands of malformed and adversarial requests against the running server, built from
 * jqwik generators around contract-shaped batches. Every answer must be a 4xx or a 200 with
 * item errors, never a 5xx or a stack trace, and the database must hold only whole items.
 * {@code -Dtillsync.fuzz.requests=N} and {@code -Dtillsync.fuzz.seed=S} change the run.
 */
@IntegrationTest
class HostileInputFuzzTest {

    private static final int REQUESTS = Integer.getInteger("tillsync.fuzz.requests", 10_000);
    private static final long SEED = Long.getLong("tillsync.fuzz.seed", 20251013L);
    private static final int DEVICES = 32;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final long[][] CATALOG = {{1238, 15000}, {1239, 8000}, {1240, 5000}, {1241, 18000}, {1242, 32000},
            {1243, 27000}, {1244, 12000}, {1245, 10000}, {1246, 7500}, {1247, 10000}, {1248, 22000}, {1249, 35000}};
    private static final String[] SALE_FIELDS = {"offline_id", "offline_reference", "device_id", "created_at_device", "branch_code",
            "payment_method", "id_user_apps", "items", "subtotal", "discount_total", "tax_total", "grand_total", "status",
            "is_offline", "gateway_reference"};
    private static final String[] LINE_FIELDS = {"product_id", "quantity", "unit_price", "subtotal"};
    private static final String[] FOLLOW_UP_FIELDS = {"offline_id", "transaction_offline_id", "method", "amount", "paid_at_device",
            "reason", "voided_at_device", "id_user_apps", "gateway_reference"};
    private static final String[] ENVELOPE_FIELDS = {"transactions", "payments", "voids", "device_id", "synced_at", "queue_depth",
            "app_version"};
    private static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "'; DROP TABLE transactions; --", "1; UPDATE stock_levels SET quantity=0", "\" OR \"\"=\"",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}", "#{7*7}", "{{7*7}}", "../../../../etc/passwd",
            "%00", "\\u0000", "admin'--", "1 UNION SELECT token_hash FROM devices", "$(reboot)", "`id`", "\r\nX-Injected: 1",
            "Robert'); DROP TABLE voids;--", "\uFEFF", "\u202Eevil", "null", "true", "[]", "{}", "NaN", "-0", "1e999",
            "0x1F", "١٢٣", "１２３", "🔥💸🧾", "Ω≈ç√∫", "\uD800", "ЁЖЗ", "زبدة", "𝕿𝖎𝖑𝖑");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicInteger> histogram = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> kinds = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> succeeded = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedItems = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedBatches = ConcurrentHashMap.newKeySet();
    private final List<String> bookedSales = Collections.synchronizedList(new ArrayList<>());

    private Random random;
    private Iterator<Object> hostileValues;
    private Iterator<String> hostileStrings;
    private Iterator<String> fieldNames;
    private final List<String> devices = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();

    @Test
    void ten_thousand_hostile_requests_get_a_4xx_or_item_errors_never_a_5xx_and_leave_only_whole_items() throws Exception {
        ApiClient api = new ApiClient(port);
        for (int i = 0; i < DEVICES; i++) {
            String id = "FZ" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
            devices.add(id);
            tokens.add(api.enroll(id, TestData.BRANCH));
        }
        random = new Random(SEED);
        hostileValues = hostileValue().sampleStream().iterator();
        hostileStrings = hostileString().sampleStream().iterator();
        fieldNames = Arbitraries.oneOf(Arbitraries.of(SALE_FIELDS), Arbitraries.of(LINE_FIELDS), Arbitraries.of(FOLLOW_UP_FIELDS),
                Arbitraries.of(ENVELOPE_FIELDS), Arbitraries.strings().ofMaxLength(30), Arbitraries.of("__proto__", "constructor",
                        "server_id", "transaction_code", "price_variance", "conflict_id", "status")).sampleStream().iterator();
        Map<Long, BigDecimal> stockBefore = stock();

        try {
            attack(stockBefore);
        } finally {
            // the demo branch allows negative stock; give back what the run sold, so later tests see the demo stock
            stockBefore.forEach((product, quantity) -> jdbc.update("UPDATE stock_levels SET quantity = ? WHERE product_id = ? "
                    + "AND branch_id = (SELECT id FROM branches WHERE code = ?)", quantity, product, TestData.BRANCH));
        }
    }

    private void attack(Map<Long, BigDecimal> stockBefore) throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Semaphore inFlight = new Semaphore(8);
        AtomicInteger sent = new AtomicInteger();
        for (int n = 0; n < REQUESTS; n++) {
            Attack attack = next(n);
            kinds.computeIfAbsent(attack.kind, k -> new AtomicInteger()).incrementAndGet();
            inFlight.acquire();
            pool.execute(() -> {
                try {
                    run(attack);
                    sent.incrementAndGet();
                } catch (Throwable t) {
                    failures.add(attack.kind + ": " + t);
                } finally {
                    inFlight.release();
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        System.out.printf("%nHostile input: %d requests in %d s (seed %d)%n  status histogram: %s%n  attack kinds: %s%n  items booked: %d%n",
                sent.get(), seconds, SEED, new TreeMap<>(histogram), new TreeMap<>(kinds), bookedSales.size());
        Map<String, List<String>> byKind = new TreeMap<>();
        synchronized (failures) {
            failures.forEach(f -> byKind.computeIfAbsent(f.length() > 60 ? f.substring(0, 60) : f, k -> new ArrayList<>()).add(f));
        }
        byKind.forEach((k, v) -> System.out.printf("  FAILED x%d: %s%n", v.size(), abbreviate(v.getFirst())));
        assertThat(failures).as("answers that broke the contract").isEmpty();
        assertThat(sent.get()).isEqualTo(REQUESTS);
        assertThat(histogram.keySet()).noneMatch(s -> s.startsWith("5"));
        assertThat(bookedSales).as("some fuzzed batches still book sales").isNotEmpty();
        assertDatabaseHoldsOnlyWholeItems(stockBefore);
    }

    // ---------------------------------------------------------------- generators

    private static Arbitrary<String> hostileString() {
        return Arbitraries.oneOf(
                Arbitraries.of(INJECTIONS),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5),
                Arbitraries.strings().alpha().numeric().ofMinLength(60).ofMaxLength(700),
                Arbitraries.strings().withChars('x', 'é', '中', 'ü').ofMinLength(2_000).ofMaxLength(20_000),
                Arbitraries.of("", " ", "   ", "2025-13-45T99:99:99Z", "2025-10-13T10:30:00", "1999-12-31T23:59:59Z",
                        "2100-01-01T00:00:00Z", "10/13/2025", "2025-10-13T10:30:00+25:00", "CASH ", "cash", "Q R I S", "paid ",
                        "voided", "PAID", "refunded", "00000000-0000-0000-0000-000000000000"));
    }

    private static Arbitrary<Object> hostileValue() {
        return Arbitraries.oneOf(
                hostileString().map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L, Integer.MAX_VALUE + 1L, 1L << 53, -(1L << 53)).map(l -> (Object) l),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)).map(b -> (Object) b),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e20"), new BigDecimal("1e20")).ofScale(6).map(b -> (Object) b),
                Arbitraries.of(new BigDecimal("9999999999999.99"), new BigDecimal("10000000000000.00"), new BigDecimal("0.001"),
                        new BigDecimal("-0.01"), new BigDecimal("1E+30"), new BigDecimal("1E-30"), new BigDecimal("1000000.001"))
                        .map(b -> (Object) b),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null),
                Arbitraries.integers().between(0, 5).map(n -> (Object) Collections.nCopies(n, "x")),
                Arbitraries.of(Map.of(), Map.of("a", 1), Map.of("$gt", ""), Map.of("__proto__", Map.of("admin", true))).map(m -> (Object) m));
    }

    private record Attack(String kind, String path, String method, String contentType, String authorization, byte[] body,
                          boolean chunked, List<String> freshIds) {
    }

    private Attack next(int n) {
        int device = n % DEVICES;
        String auth = "Bearer " + tokens.get(device);
        String dev = devices.get(device);
        if (n % 997 == 13) {
            return batchAttack("oversized_body", auth, pad(validBatch(dev), 5 * 1024 * 1024 + 1 + random.nextInt(1024 * 1024)), false);
        }
        if (n % 1499 == 7) {
            return batchAttack("oversized_body_chunked", auth, pad(validBatch(dev), 6 * 1024 * 1024), true);
        }
        if (n % 211 == 5) {
            return oversizedBatch(dev, auth);
        }
        if (n % 97 == 41) {
            return overEndpointLimit(auth);
        }
        int pick = random.nextInt(100);
        if (pick < 30) {
            return fieldAttack(dev, auth);
        }
        if (pick < 40) {
            return envelopeAttack(dev, auth);
        }
        if (pick < 52) {
            return brokenJson(dev, auth);
        }
        if (pick < 58) {
            return deepNesting(dev, auth);
        }
        if (pick < 64) {
            return numberAttack(dev, auth);
        }
        if (pick < 70) {
            return unknownFields(dev, auth);
        }
        if (pick < 76) {
            return replayWithChanges(dev, auth);
        }
        if (pick < 82) {
            return otherEndpoints(auth);
        }
        if (pick < 88) {
            return authAttack(dev);
        }
        if (pick < 92) {
            String wrongType = pickOf("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/json; charset=utf-16", "", "application/jsonx");
            ObjectNode b = validBatch(dev);
            return new Attack("content_type", "/api/v1/pos/offline/batch-sync", "POST", wrongType, auth, bytes(b), false, ids(b));
        }
        ObjectNode b = validBatch(dev);
        return batchAttack("valid_control", auth, bytes(b), false, ids(b));
    }

    private Attack batchAttack(String kind, String auth, byte[] body, boolean chunked) {
        return batchAttack(kind, auth, body, chunked, List.of());
    }

    private Attack batchAttack(String kind, String auth, byte[] body, boolean chunked, List<String> freshIds) {
        return new Attack(kind, "/api/v1/pos/offline/batch-sync", "POST", "application/json", auth, body, chunked, freshIds);
    }

    private ObjectNode validBatch(String device) {
        ObjectNode b = F.objectNode();
        ArrayNode sales = b.putArray("transactions");
        ArrayNode payments = b.putArray("payments");
        ArrayNode voids = b.putArray("voids");
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            ObjectNode sale = sale(device);
            sales.add(sale);
            if (random.nextInt(4) == 0) {
                ObjectNode p = F.objectNode();
                p.put("offline_id", UUID.randomUUID().toString());
                p.put("transaction_offline_id", sale.get("offline_id").asString());
                p.put("method", "CASH");
                p.put("amount", sale.get("grand_total").decimalValue());
                p.put("paid_at_device", "2025-10-13T10:30:05Z");
                payments.add(p);
            }
            if (random.nextInt(6) == 0) {
                ObjectNode v = F.objectNode();
                v.put("offline_id", UUID.randomUUID().toString());
                v.put("transaction_offline_id", sale.get("offline_id").asString());
                v.put("reason", "customer cancelled");
                v.put("voided_at_device", "2025-10-13T10:40:00Z");
                voids.add(v);
            }
        }
        b.put("device_id", device);
        b.put("synced_at", "2025-10-13T11:00:00Z");
        return b;
    }

    private ObjectNode sale(String device) {
        ObjectNode s = F.objectNode();
        s.put("offline_id", UUID.randomUUID().toString());
        s.put("offline_reference", device + "-2025" + String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
                + "-" + (1 + random.nextInt(1_000_000)));
        s.put("device_id", device);
        s.put("created_at_device", "2025-10-13T10:30:00Z");
        s.put("branch_code", TestData.BRANCH);
        s.put("payment_method", "CASH");
        s.put("id_user_apps", 5);
        ArrayNode items = s.putArray("items");
        long subtotal = 0;
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            long[] product = CATALOG[random.nextInt(CATALOG.length)];
            int qty = 1 + random.nextInt(3);
            ObjectNode line = items.addObject();
            line.put("product_id", product[0]);
            line.put("quantity", qty);
            line.put("unit_price", product[1]);
            line.put("subtotal", qty * product[1]);
            subtotal += qty * product[1];
        }
        s.put("subtotal", subtotal);
        s.put("discount_total", 0);
        s.put("tax_total", subtotal / 10);
        s.put("grand_total", subtotal + subtotal / 10);
        s.put("status", "paid");
        return s;
    }

    private Attack fieldAttack(String device, String auth) {
        ObjectNode b = validBatch(device);
        List<String> fresh = ids(b);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            ObjectNode target = randomItem(b);
            String field;
            if (target.get("items") instanceof ArrayNode items && !items.isEmpty() && random.nextBoolean()
                    && items.get(random.nextInt(items.size())) instanceof ObjectNode line) {
                target = line;
                field = pickOf(LINE_FIELDS);
            } else if (target.has("offline_reference")) {
                field = pickOf(SALE_FIELDS);
            } else {
                field = pickOf(FOLLOW_UP_FIELDS);
            }
            if (random.nextInt(5) == 0) {
                target.remove(field);
            } else {
                target.set(field, node(hostileValues.next()));
            }
        }
        return batchAttack("field_value", auth, bytes(b), false, fresh);
    }

    private Attack envelopeAttack(String device, String auth) {
        ObjectNode b = validBatch(device);
        List<String> fresh = ids(b);
        String field = pickOf(ENVELOPE_FIELDS);
        switch (random.nextInt(4)) {
            case 0 -> b.remove(field);
            case 1 -> b.put("device_id", pickOf(devices.toArray(String[]::new)));
            case 2 -> {
                ArrayNode items = b.putArray(pickOf("transactions", "payments", "voids"));
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    items.add(node(hostileValues.next()));
                }
            }
            default -> b.set(field, node(hostileValues.next()));
        }
        return batchAttack("envelope", auth, bytes(b), false, fresh);
    }

    private Attack brokenJson(String device, String auth) {
        String json = new String(bytes(validBatch(device)), StandardCharsets.UTF_8);
        byte[] body = switch (random.nextInt(9)) {
            case 0 -> json.substring(0, random.nextInt(json.length())).getBytes(StandardCharsets.UTF_8);
            case 1 -> (json + pickOf("}", "]", ",", "x", " {}", "\u0000", "// c")).getBytes(StandardCharsets.UTF_8);
            case 2 -> json.replace("\"", "'").getBytes(StandardCharsets.UTF_8);
            case 3 -> json.replaceFirst("\"grand_total\":", "\"grand_total\":NaN,\"x\":").getBytes(StandardCharsets.UTF_8);
            case 4 -> {
                byte[] raw = json.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    raw[random.nextInt(raw.length)] = (byte) random.nextInt(256);
                }
                yield raw;
            }
            case 5 -> ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8);
            case 6 -> json.replace("\"device_id\":", "\"device_id\":\"X\",\"device_id\":").getBytes(StandardCharsets.UTF_8);
            case 7 -> new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xFF, '{', '}'};
            default -> pickOf("", " ", "null", "[]", "\"x\"", "42", "{", "{\"transactions\":", "{}").getBytes(StandardCharsets.UTF_8);
        };
        return batchAttack("broken_json", auth, body, false);
    }

    private Attack deepNesting(String device, String auth) {
        int depth = pickOf(20, 31, 33, 64, 1_000, 50_000);
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        ObjectNode b = validBatch(device);
        String json = new String(bytes(b), StandardCharsets.UTF_8);
        String where = pickOf("\"status\":\"paid\"", "\"synced_at\":\"2025-10-13T11:00:00Z\"", "\"product_id\":");
        String spliced = where.endsWith(":") ? json.replaceFirst(where + "\\d+", where + java.util.regex.Matcher.quoteReplacement(nested))
                : json.replace(where, where + ",\"deep\":" + nested);
        return batchAttack("deep_nesting", auth, spliced.getBytes(StandardCharsets.UTF_8), false);
    }

    private Attack numberAttack(String device, String auth) {
        ObjectNode b = validBatch(device);
        String json = new String(bytes(b), StandardCharsets.UTF_8);
        String literal = pickOf("1e999999", "-1e999999", "1" + "0".repeat(60), "1" + "0".repeat(200), "-0", "0.0000000000000000001",
                "1E-400", "18446744073709551616", "-9223372036854775809", "1.5e3", "15000.00000", "0x10", "+1", ".5", "01");
        String field = pickOf("quantity", "unit_price", "subtotal", "grand_total", "product_id", "queue_depth", "id_user_apps");
        String spliced = field.equals("queue_depth") ? json.replace("\"synced_at\":", "\"queue_depth\":" + literal + ",\"synced_at\":")
                : json.replaceFirst("\"" + field + "\":-?[0-9.]+", "\"" + field + "\":" + literal);
        return batchAttack("number_literal", auth, spliced.getBytes(StandardCharsets.UTF_8), false, ids(b));
    }

    private Attack unknownFields(String device, String auth) {
        ObjectNode b = validBatch(device);
        List<String> fresh = ids(b);
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
            ObjectNode target = random.nextBoolean() ? b : randomItem(b);
            target.set("x_" + fieldNames.next(), node(hostileValues.next()));
        }
        return batchAttack("unknown_fields", auth, bytes(b), false, fresh);
    }

    private Attack replayWithChanges(String device, String auth) {
        ObjectNode b = validBatch(device);
        List<String> known = new ArrayList<>(bookedSales);
        if (!known.isEmpty()) {
            // another device's or this device's stored offline_id, with new content
            ((ObjectNode) b.get("transactions").get(0)).put("offline_id", known.get(random.nextInt(known.size())));
        }
        ArrayNode sales = (ArrayNode) b.get("transactions");
        sales.add(sales.get(0).deepCopy());
        return batchAttack("replay_and_repeat", auth, bytes(b), false);
    }

    private Attack oversizedBatch(String device, String auth) {
        ObjectNode b = validBatch(device);
        ArrayNode sales = (ArrayNode) b.get("transactions");
        ObjectNode one = (ObjectNode) sales.get(0);
        int size = 501 + random.nextInt(2_000);
        for (int i = sales.size() + ((ArrayNode) b.get("payments")).size() + ((ArrayNode) b.get("voids")).size(); i < size; i++) {
            ObjectNode copy = one.deepCopy();
            copy.put("offline_id", UUID.randomUUID().toString());
            sales.add(copy);
        }
        return batchAttack("too_many_items", auth, bytes(b), false, ids(b));
    }

    /** Every endpoint has a body limit of its own (base.http.EdgeSettings): a body one to four times over it, announced or chunked. */
    private Attack overEndpointLimit(String auth) {
        record Limit(String path, String contentType, String auth, int bytes) {
        }
        Limit limit = pickOf(
                new Limit("/api/v1/pos/pair", "application/json", null, 1024),
                new Limit("/api/v1/pos/offline/conflicts/" + UUID.randomUUID() + "/resolve", "application/json", auth, 256 * 1024),
                new Limit("/api/v1/admin/devices", "application/json", ApiClient.adminAuth(), 16 * 1024),
                new Limit("/api/v1/admin/devices/" + devices.get(0) + "/rotate", "application/json", null, 16 * 1024),
                new Limit("/api/v1/pos/offline/changes", "application/json", auth, 16 * 1024),
                new Limit("/login", "application/x-www-form-urlencoded", null, 4 * 1024),
                new Limit("/", "application/json", null, 1024 * 1024));
        int size = limit.bytes() + 1 + random.nextInt(3 * limit.bytes());
        byte[] body = limit.contentType().startsWith("application/json")
                ? ("{\"pairing_code\":\"" + "A".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8)
                : ("username=admin&password=" + "x".repeat(size)).getBytes(StandardCharsets.UTF_8);
        return new Attack("body_limit", limit.path(), "POST", limit.contentType(), limit.auth(), body, random.nextBoolean(), List.of());
    }

    private Attack otherEndpoints(String auth) {
        String weird = java.net.URLEncoder.encode(random.nextBoolean() ? pickOf(INJECTIONS.toArray(String[]::new)) : hostileStrings.next(),
                StandardCharsets.UTF_8);
        return switch (random.nextInt(4)) {
            case 0 -> new Attack("changes_cursor", "/api/v1/pos/offline/changes?since=" + weird, "GET", null, auth, null, false, List.of());
            case 1 -> new Attack("resolve_unknown", "/api/v1/pos/offline/conflicts/" + weird + "/resolve", "POST", "application/json",
                    auth, ("{\"strategy\":" + node(hostileValues.next()) + ",\"merged_data\":" + node(hostileValues.next()) + "}")
                    .getBytes(StandardCharsets.UTF_8), false, List.of());
            case 2 -> new Attack("resolve_broken", "/api/v1/pos/offline/conflicts/" + UUID.randomUUID() + "/resolve", "POST",
                    "application/json", auth, pickOf("", "{", "[]", "{\"strategy\":[1]}", "{\"comment\":\"" + "c".repeat(600) + "\"}")
                    .getBytes(StandardCharsets.UTF_8), false, List.of());
            default -> new Attack("wrong_method", "/api/v1/pos/offline/batch-sync", pickOf("GET", "PUT", "DELETE", "PATCH"),
                    "application/json", auth, "{}".getBytes(StandardCharsets.UTF_8), false, List.of());
        };
    }

    private Attack authAttack(String device) {
        String token = tokens.get(devices.indexOf(device));
        String auth = switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> "Bearer";
            case 2 -> "Bearer " + token.substring(0, token.length() - 1);
            case 3 -> "Bearer tsd_" + "A".repeat(5_000);
            case 4 -> "Basic " + java.util.Base64.getEncoder().encodeToString((device + ":" + token).getBytes(StandardCharsets.UTF_8));
            case 5 -> "Bearer " + token.toUpperCase();
            case 6 -> "bearer  " + "' OR 1=1 --";
            default -> "Token " + token;
        };
        ObjectNode b = validBatch(device);
        return batchAttack("authentication", auth, bytes(b), false, ids(b));
    }

    // ---------------------------------------------------------------- sending and judging

    private void run(Attack a) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + a.path)).timeout(Duration.ofSeconds(60));
        HttpRequest.BodyPublisher body = a.body == null ? HttpRequest.BodyPublishers.noBody()
                : a.chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(a.body))
                : HttpRequest.BodyPublishers.ofByteArray(a.body);
        req.method(a.method, body);
        if (a.contentType != null && !a.contentType.isEmpty()) {
            req.header("Content-Type", a.contentType);
        }
        if (a.authorization != null) {
            req.header("Authorization", a.authorization);
        }
        HttpResponse<String> r;
        try {
            r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (a.kind.startsWith("oversized") || a.kind.equals("body_limit")) {
                // the server may answer 413 and close before a client streaming 6 MB has finished writing
                histogram.computeIfAbsent("413/closed", k -> new AtomicInteger()).incrementAndGet();
                refusedBatches.addAll(a.freshIds);
                return;
            }
            throw e;
        }
        int status = r.statusCode();
        histogram.computeIfAbsent(Integer.toString(status), k -> new AtomicInteger()).incrementAndGet();
        String raw = r.body();
        if (a.kind.equals("body_limit")) {
            // refused at the edge, before admission, security or the endpoint: always 413, in the API's shape on the API
            if (status != 413 || (a.path.startsWith("/api/") && !raw.contains("\"body_too_large\""))) {
                failures.add(a.kind + " -> " + status + " on " + a.path + ": " + abbreviate(raw));
            }
            return;
        }
        if (status >= 500) {
            failures.add(a.kind + " -> " + status + " " + abbreviate(raw));
            return;
        }
        if (raw.contains("Exception") || raw.contains("\tat ") || raw.contains(".java:") || raw.contains("org.springframework")
                || raw.contains("SQLState")) {
            failures.add(a.kind + " -> stack trace or internals in the answer: " + abbreviate(raw));
        }
        if (status < 400 && status != 200) {
            failures.add(a.kind + " -> unexpected " + status + " " + a.path + " " + r.headers().firstValue("Location").orElse(""));
            return;
        }
        if (status == 400 && raw.startsWith("<!doctype html>") && (a.kind.equals("resolve_unknown") || a.kind.equals("changes_cursor"))) {
            // a request line the servlet container cannot parse never reaches the application; its bare page shows no internals
            histogram.computeIfAbsent("400/container", k -> new AtomicInteger()).incrementAndGet();
            if (raw.contains("Tomcat/") || raw.contains("Exception")) {
                failures.add(a.kind + " -> the container's error page shows internals: " + abbreviate(raw));
            }
            return;
        }
        JsonNode json;
        try {
            json = ApiClient.JSON.readTree(raw);
        } catch (RuntimeException e) {
            failures.add(a.kind + " -> " + status + " with a body that is not JSON: " + abbreviate(raw));
            return;
        }
        if (json == null || json.path("code").asInt() != status) {
            failures.add(a.kind + " -> " + status + " outside the API envelope: " + abbreviate(raw));
            return;
        }
        if (status >= 400) {
            if (!json.path("error").path("code").isString()) {
                failures.add(a.kind + " -> " + status + " without an error code: " + abbreviate(raw));
            }
            if (a.path.endsWith("batch-sync")) {
                refusedBatches.addAll(a.freshIds);
            }
            return;
        }
        if (!a.path.endsWith("batch-sync")) {
            return;
        }
        JsonNode results = json.path("data").path("results");
        if (!results.isArray() || results.size() != json.path("data").path("total_items").asInt(-1)) {
            failures.add(a.kind + " -> 200 without one result per item: " + abbreviate(raw));
            return;
        }
        for (JsonNode result : results) {
            String id = result.path("offline_id").isString() ? result.path("type").asString() + ":" + result.path("offline_id").asString() : null;
            if (result.path("success").asBoolean(false)) {
                if (id != null) {
                    succeeded.add(id);
                    if (id.startsWith("transaction:")) {
                        bookedSales.add(result.path("offline_id").asString());
                    }
                }
            } else if (!result.path("conflict_detected").asBoolean(false)) {
                if (!result.path("error").path("code").isString()) {
                    failures.add(a.kind + " -> a failed item without an error code: " + abbreviate(result.toString()));
                }
                if (id != null) {
                    refusedItems.add(id);
                }
            }
        }
    }

    private void assertDatabaseHoldsOnlyWholeItems(Map<Long, BigDecimal> stockBefore) {
        String mine = "t.device_id LIKE 'FZ%'";
        assertThat(count("SELECT COUNT(*) FROM transactions t WHERE " + mine
                + " AND NOT EXISTS (SELECT 1 FROM transaction_items i WHERE i.transaction_id = t.id)"))
                .as("sales without lines").isZero();
        assertThat(count("SELECT COUNT(*) FROM transactions t WHERE " + mine + " AND t.status <> 'replaced' AND "
                + "(SELECT COUNT(*) FROM transaction_items i WHERE i.transaction_id = t.id) <> JSON_LENGTH(t.raw_json, '$.items')"))
                .as("sales whose lines differ from the document they were booked from").isZero();
        assertThat(count("SELECT COUNT(*) FROM transactions t WHERE " + mine + " AND t.subtotal <> "
                + "(SELECT SUM(i.subtotal) FROM transaction_items i WHERE i.transaction_id = t.id)"))
                .as("sales whose subtotal is not the sum of their lines").isZero();
        assertThat(count("SELECT COUNT(*) FROM transaction_items i JOIN transactions t ON t.id = i.transaction_id WHERE " + mine
                + " AND -i.quantity <> (SELECT COALESCE(SUM(m.quantity_delta), 0) FROM stock_movements m WHERE m.transaction_id = t.id "
                + "AND m.reason = 'sale' AND m.product_id = i.product_id) * 1"
                + " AND (SELECT COUNT(*) FROM transaction_items j WHERE j.transaction_id = t.id AND j.product_id = i.product_id) = 1"))
                .as("lines without their stock movement").isZero();
        assertThat(count("SELECT COUNT(*) FROM transactions t WHERE " + mine + " AND t.status = 'voided' AND NOT EXISTS "
                + "(SELECT 1 FROM voids v WHERE v.transaction_id = t.id)")).as("voided sales without a void").isZero();
        assertThat(count("SELECT COUNT(*) FROM voids v JOIN transactions t ON t.id = v.transaction_id WHERE " + mine
                + " AND (SELECT COALESCE(SUM(m.quantity_delta), 0) FROM stock_movements m WHERE m.void_id = v.id) <> "
                + "(SELECT SUM(i.quantity) FROM transaction_items i WHERE i.transaction_id = t.id)"))
                .as("voids that did not give the stock back exactly").isZero();
        assertThat(count("SELECT COUNT(*) FROM payments p JOIN transactions t ON t.id = p.transaction_id WHERE " + mine
                + " GROUP BY t.id HAVING SUM(p.amount) > MAX(t.grand_total) LIMIT 1", true)).as("overpaid sales").isZero();

        Set<String> refusedOnly = new java.util.HashSet<>(refusedItems);
        refusedOnly.removeAll(succeeded);
        for (String item : refusedOnly) {
            String type = item.substring(0, item.indexOf(':'));
            String offlineId = item.substring(item.indexOf(':') + 1);
            String table = switch (type) {
                case "transaction" -> "transactions";
                case "payment" -> "payments";
                default -> "voids";
            };
            assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE offline_id = ? COLLATE utf8mb4_bin", offlineId))
                    .as("a refused %s was written: %s", type, offlineId).isZero();
        }
        for (String offlineId : refusedBatches) {
            if (!succeeded.contains("transaction:" + offlineId)) {
                assertThat(count("SELECT COUNT(*) FROM transactions WHERE offline_id = ? COLLATE utf8mb4_bin", offlineId))
                        .as("a sale of a batch refused whole was written: %s", offlineId).isZero();
            }
        }

        Map<Long, BigDecimal> after = stock();
        Map<Long, BigDecimal> moved = new java.util.HashMap<>();
        jdbc.query("SELECT m.product_id, SUM(m.quantity_delta) FROM stock_movements m JOIN transactions t ON t.id = m.transaction_id "
                + "WHERE " + mine + " AND m.branch_id = (SELECT id FROM branches WHERE code = ?) GROUP BY m.product_id",
                rs -> {
                    moved.put(rs.getLong(1), rs.getBigDecimal(2));
                }, TestData.BRANCH);
        for (var e : after.entrySet()) {
            BigDecimal expected = stockBefore.getOrDefault(e.getKey(), BigDecimal.ZERO).add(moved.getOrDefault(e.getKey(), BigDecimal.ZERO));
            assertThat(e.getValue()).as("stock of product %d = before + movements", e.getKey()).isEqualByComparingTo(expected);
        }
    }

    // ---------------------------------------------------------------- helpers

    private Map<Long, BigDecimal> stock() {
        Map<Long, BigDecimal> stock = new java.util.HashMap<>();
        jdbc.query("SELECT s.product_id, s.quantity FROM stock_levels s JOIN branches b ON b.id = s.branch_id WHERE b.code = ?",
                rs -> {
                    stock.put(rs.getLong(1), rs.getBigDecimal(2));
                }, TestData.BRANCH);
        return stock;
    }

    private int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    private int count(String sql, boolean maybeEmpty) {
        List<Integer> rows = jdbc.query(sql, (rs, i) -> rs.getInt(1));
        return rows.size();
    }

    private ObjectNode randomItem(ObjectNode batch) {
        List<ObjectNode> items = new ArrayList<>();
        for (String list : List.of("transactions", "payments", "voids")) {
            batch.get(list).forEach(n -> items.add((ObjectNode) n));
        }
        return items.get(random.nextInt(items.size()));
    }

    private static List<String> ids(ObjectNode batch) {
        List<String> ids = new ArrayList<>();
        JsonNode sales = batch.get("transactions");
        if (sales != null && sales.isArray()) {
            sales.forEach(s -> {
                if (s.path("offline_id").isString()) {
                    ids.add(s.get("offline_id").asString());
                }
            });
        }
        return ids;
    }

    private static JsonNode node(Object value) {
        return ApiClient.JSON.valueToTree(value);
    }

    private static byte[] bytes(JsonNode node) {
        return ApiClient.JSON.writeValueAsBytes(node);
    }

    private static byte[] pad(ObjectNode batch, int size) {
        ((ObjectNode) batch.get("transactions").get(0)).put("padding", "x".repeat(size));
        return bytes(batch);
    }

    @SafeVarargs
    private <T> T pickOf(T... options) {
        return options[random.nextInt(options.length)];
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
