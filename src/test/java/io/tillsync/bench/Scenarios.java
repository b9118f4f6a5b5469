package io.tillsync.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The paths shops really run on, side by side in one run: plain sales; every sale below zero in a
 * branch that allows it (each one a conflict the policy settles); 5% of sales raising conflicts
 * that wait for a manager (bad totals, unknown products, stock out where the branch forbids
 * selling below zero); and a morning storm, many tills reconnecting at once with 100 queued sales
 * each, once with plenty of stock and once on a day stock runs out in both branches. Clients behave like tills: they honour 503 + Retry-After (with jitter) and give up on a
 * request after 30 s, as the browser till does.
 */
final class Scenarios {

    static final String ALLOWS = "BRN-MST-OSK00001";
    static final String FORBIDS = "BRN-MST-OSK00002";
    /** Sold out in the branch that forbids it in the mixed scenario. */
    static final long SOLD_OUT = 1249;
    private static final Duration TILL_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String base;
    private final String jdbcUrl;
    private final MeterRegistry registry;
    private final Function<String[], String> enroll;
    private int devices;

    Scenarios(HttpClient http, String base, String jdbcUrl, MeterRegistry registry, Function<String[], String> enroll) {
        this.http = http;
        this.base = base;
        this.jdbcUrl = jdbcUrl;
        this.registry = registry;
        this.enroll = enroll;
    }

    /** What one scenario measured. */
    static final class Figures {
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong sales = new AtomicLong();
        final AtomicLong busy = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();
        final AtomicLong connectionErrors = new AtomicLong();
        final AtomicLong internalErrors = new AtomicLong();
        final AtomicLong openConflicts = new AtomicLong();
        final AtomicLong settledConflicts = new AtomicLong();
        double seconds;
        double retries;

        /** Everything but the server's retries, which the server's process counts: for the storm's client process. */
        Map<String, Object> raw() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("latencies", List.copyOf(latencies));
            m.put("sales", sales.get());
            m.put("busy", busy.get());
            m.put("timeouts", timeouts.get());
            m.put("connection_errors", connectionErrors.get());
            m.put("internal_errors", internalErrors.get());
            m.put("open_conflicts", openConflicts.get());
            m.put("settled_conflicts", settledConflicts.get());
            m.put("seconds", seconds);
            return m;
        }

        static Figures read(JsonNode m) {
            Figures f = new Figures();
            m.get("latencies").forEach(l -> f.latencies.add(l.asLong()));
            f.sales.set(m.get("sales").asLong());
            f.busy.set(m.get("busy").asLong());
            f.timeouts.set(m.get("timeouts").asLong());
            f.connectionErrors.set(m.get("connection_errors").asLong());
            f.internalErrors.set(m.get("internal_errors").asLong());
            f.openConflicts.set(m.get("open_conflicts").asLong());
            f.settledConflicts.set(m.get("settled_conflicts").asLong());
            f.seconds = m.get("seconds").asDouble();
            return f;
        }

        Map<String, Object> asMap() {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sales_per_second", round(sales.get() / seconds));
            m.put("batch_latency_ms", Map.of("p50", round(pct(sorted, 50) / 1e6), "p99", round(pct(sorted, 99) / 1e6)));
            m.put("sales", sales.get());
            m.put("seconds", round(seconds));
            m.put("conflicts_settled_by_policy", settledConflicts.get());
            m.put("conflicts_waiting_for_a_manager", openConflicts.get());
            m.put("internal_error_items", internalErrors.get());
            m.put("answered_503_busy", busy.get());
            m.put("requests_timed_out", timeouts.get());
            m.put("connections_reset", connectionErrors.get());
            m.put("server_retries_after_contention", round(retries));
            return m;
        }
    }

    /** A till of the run: its device id, token and the batches it makes. */
    record Till(String deviceId, String token, BenchLoad load) {
    }

    /**
     * What a till of a storm is, for the client process that plays the storm: its id, token, branch, the pull's
     * prices and tax, and its share of sales that raise conflicts.
     *
     * @param soldOut the product with no stock left, which only out-of-stock sales name; null for none
     */
    record TillSpec(String deviceId, String token, String branch, Map<Long, Long> prices, BigDecimal taxRate, boolean taxIncluded,
                    Long soldOut, double conflictShare) {

        Till till() {
            return new Till(deviceId, token, new BenchLoad(deviceId, branch, prices, soldOut, deviceId.hashCode()).taxed(taxRate, taxIncluded));
        }

        TillSpec selling(Long soldOut, double conflictShare) {
            return new TillSpec(deviceId, token, branch, prices, taxRate, taxIncluded, soldOut, conflictShare);
        }
    }

    private List<Till> tills(String prefix, int count, String branch, Long soldOut) throws Exception {
        return specs(prefix, count, branch).stream().map(t -> t.selling(soldOut, 0).till()).toList();
    }

    private List<TillSpec> specs(String prefix, int count, String branch) throws Exception {
        List<TillSpec> tills = new ArrayList<>(count);
        JsonNode pull = null;
        for (int i = 0; i < count; i++) {
            String deviceId = prefix + (devices++);
            String token = enroll.apply(new String[] {deviceId, branch});
            if (pull == null) {
                pull = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/pos/offline/changes"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body()).get("data");
            }
            Map<Long, Long> prices = new LinkedHashMap<>();
            for (JsonNode p : pull.get("products")) {
                if (p.hasNonNull("price") && p.get("active").asBoolean()) {
                    prices.put(p.get("product_id").asLong(), p.get("price").decimalValue().longValueExact());
                }
            }
            tills.add(new TillSpec(deviceId, token, branch, prices, pull.get("branch").get("tax_rate").decimalValue(),
                    pull.get("branch").get("prices_include_tax").asBoolean(), null, 0));
        }
        return tills;
    }

    void stock(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "root", "")) {
            c.createStatement().execute(sql);
        }
    }

    /** Plain sales with plenty of stock. */
    Figures plain(int devices, int batches, int size, int lines) throws Exception {
        stock("UPDATE stock_levels SET quantity = 100000000");
        return load(tills("PLAIN", devices, ALLOWS, null), batches, t -> t.load().batch(size, lines, 0));
    }

    /** Stock ran out in a branch that allows selling below zero: every sale is booked and its conflict settled by policy. */
    Figures belowZero(int devices, int batches, int size, int lines) throws Exception {
        stock("UPDATE stock_levels s JOIN branches b ON b.id = s.branch_id SET s.quantity = 0 WHERE b.code = '" + ALLOWS + "'");
        return load(tills("BELOW", devices, ALLOWS, null), batches, t -> t.load().batch(size, lines, 0));
    }

    /** 5% of sales raise conflicts that wait for a manager, in the branch that forbids selling below zero. */
    Figures mixed(int devices, int batches, int size, int lines, double share) throws Exception {
        stock("UPDATE stock_levels s JOIN branches b ON b.id = s.branch_id SET s.quantity = IF(s.product_id = " + SOLD_OUT
                + ", 0, 100000000) WHERE b.code = '" + FORBIDS + "'");
        return load(tills("MIXED", devices, FORBIDS, SOLD_OUT), batches, t -> t.load().mixedBatch(size, lines, share));
    }

    /**
     * Many tills reconnect at once, each with {@code queued} sales waiting, sent in batches of {@code size} as the till does.
     * The tills are played by a client process of their own ({@link StormClient}): thousands of sockets and
     * threads in the server's JVM would measure the client as much as the server.
     */
    Figures storm(int tills, int queued, int size, int lines) throws Exception {
        stock("UPDATE stock_levels SET quantity = 100000000");
        return playInClient(specs("STORM" + tills + "-", tills, ALLOWS), queued, size, lines);
    }

    /**
     * The storm of a day stock runs out: half the tills sell in the branch that allows selling below zero, half in the
     * one that forbids it, with a few bad totals, unknown products and a sold-out product among their sales. Each
     * branch holds about a third of what the storm's sales ask for, so a third of the way in every product runs
     * out: from then on the first branch's sales are booked with a conflict the policy settles, and the second
     * branch's wait for a manager.
     */
    Map<String, Object> stormStockOut(int tills, int queued, int size, int lines, double share) throws Exception {
        List<TillSpec> all = new ArrayList<>(tills);
        specs("OUTA" + tills + "-", tills / 2, ALLOWS).forEach(t -> all.add(t));
        specs("OUTF" + tills + "-", tills - tills / 2, FORBIDS).forEach(t -> all.add(t.selling(SOLD_OUT, share)));
        // a sale's lines average two units of one of the sellable products
        long asked = (long) tills / 2 * queued * lines * 2 / Math.max(1, all.getFirst().prices().size() - 1);
        stock("UPDATE stock_levels SET quantity = " + Math.max(1, asked / 3));
        stock("UPDATE stock_levels s JOIN branches b ON b.id = s.branch_id SET s.quantity = 0 WHERE s.product_id = " + SOLD_OUT
                + " AND b.code = '" + FORBIDS + "'");
        Collections.shuffle(all, new java.util.Random(tills));
        Figures f = playInClient(all, queued, size, lines);
        // what the database holds afterwards, against what the tills were answered
        Map<String, Object> m = f.asMap();
        String mine = "(device_id LIKE 'OUTA" + tills + "-%' OR device_id LIKE 'OUTF" + tills + "-%')";
        m.put("booked_in_database", count("SELECT COUNT(*) FROM transactions WHERE " + mine));
        m.put("answered_booked", f.sales.get() - f.openConflicts.get() - f.internalErrors.get());
        m.put("waiting_in_database", count("SELECT COUNT(*) FROM offline_conflicts WHERE status = 'open' AND " + mine));
        m.put("lowest_stock_where_forbidden", count("SELECT MIN(s.quantity) FROM stock_levels s JOIN branches b ON b.id = s.branch_id"
                + " WHERE b.code = '" + FORBIDS + "'"));
        return m;
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "root", ""); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getBigDecimal(1).longValue();
        }
    }

    private Figures playInClient(List<TillSpec> all, int queued, int size, int lines) throws Exception {
        java.nio.file.Path specs = java.nio.file.Files.createTempFile("storm-tills", ".json");
        java.nio.file.Path result = java.nio.file.Files.createTempFile("storm-figures", ".json");
        try {
            JSON.writeValue(specs.toFile(), all);
            double retriesBefore = retries();
            Process client = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-cp", System.getProperty("java.class.path"), StormClient.class.getName(), base, specs.toString(),
                    Integer.toString((queued + size - 1) / size), Integer.toString(size), Integer.toString(lines), result.toString())
                    .inheritIO().start();
            if (client.waitFor() != 0) {
                throw new IllegalStateException("the storm's client process failed: exit " + client.exitValue());
            }
            Figures f = Figures.read(JSON.readTree(result.toFile()));
            f.retries = retries() - retriesBefore;
            return f;
        } finally {
            java.nio.file.Files.deleteIfExists(specs);
            java.nio.file.Files.deleteIfExists(result);
        }
    }

    /** Plays a storm's tills from their specs: the body of {@link StormClient}. */
    Figures playStorm(List<TillSpec> specs, int batches, int size, int lines) throws Exception {
        Map<String, Double> shares = new java.util.HashMap<>();
        specs.forEach(t -> shares.put(t.deviceId(), t.conflictShare()));
        return load(specs.stream().map(TillSpec::till).toList(), batches,
                t -> t.load().mixedBatch(size, lines, shares.get(t.deviceId())));
    }

    private Figures load(List<Till> tills, int batches, Function<Till, Map<String, Object>> next) throws Exception {
        Figures f = new Figures();
        double retriesBefore = retries();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Till till : tills) {
                work.add(pool.submit(() -> {
                    start.await();
                    for (int b = 0; b < batches; b++) {
                        Map<String, Object> batch = next.apply(till);
                        send(till, JSON.writeValueAsString(batch), ((List<?>) batch.get("transactions")).size(), f);
                    }
                    return null;
                }));
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Future<?> w : work) {
                w.get();
            }
            f.seconds = (System.nanoTime() - t0) / 1e9;
        }
        f.retries = retries() - retriesBefore;
        return f;
    }

    /** Sends one batch until it is answered, as a till would: again after Retry-After, again after a timeout. */
    private void send(Till till, String body, int sales, Figures f) throws Exception {
        for (;;) {
            long t0 = System.nanoTime();
            HttpResponse<String> r;
            try {
                r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/pos/offline/batch-sync")).timeout(TILL_TIMEOUT)
                        .header("Authorization", "Bearer " + till.token()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                f.timeouts.incrementAndGet();
                continue;
            } catch (java.io.IOException e) {
                // a connection the server reset or closed: a till sends the same batch again after a pause
                f.connectionErrors.incrementAndGet();
                Thread.sleep(500 + ThreadLocalRandom.current().nextLong(1000));
                continue;
            }
            if (r.statusCode() == 503) {
                f.busy.incrementAndGet();
                long after = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                Thread.sleep(after * 1000 / 2 + ThreadLocalRandom.current().nextLong(after * 1000));
                continue;
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("batch refused: " + r.statusCode() + " " + r.body());
            }
            f.latencies.add(System.nanoTime() - t0);
            f.sales.addAndGet(sales);
            for (JsonNode item : JSON.readTree(r.body()).get("data").get("results")) {
                if (item.has("error") && "internal_error".equals(item.get("error").get("code").asString())) {
                    f.internalErrors.incrementAndGet();
                }
                if (item.path("conflict_detected").asBoolean()) {
                    (item.get("success").asBoolean() ? f.settledConflicts : f.openConflicts).incrementAndGet();
                }
            }
            return;
        }
    }

    private double retries() {
        if (registry == null) {
            return 0;
        }
        return registry.find("tillsync.sync.retries").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static BigDecimal ratio(Figures a, Figures b) {
        return BigDecimal.valueOf(a.sales.get() / a.seconds / (b.sales.get() / b.seconds)).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
