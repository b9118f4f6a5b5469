package io.tillsync.bench;

import io.tillsync.Application;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end sync throughput against the hardware's own limit, in one run:
 * {@code mvn -B -ntp -q test-compile exec:exec@sync-bench} (options: -Dbench.args="--devices=8 --batches=60").
 * Starts Tillsync on its embedded MariaDB (durable commits), simulates devices pushing batches
 * with replays and conflicts, then writes the same rows straight through JDBC, and prints the
 * figures (also as JSON, for comparing runs).
 */
public final class SyncBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "bench-correct-horse-2026";

    private record Batch(String body, boolean replay) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int devices = Integer.parseInt(opt.getOrDefault("devices", "8"));
        int batches = Integer.parseInt(opt.getOrDefault("batches", "60"));
        int batchSize = Integer.parseInt(opt.getOrDefault("batch-size", "50"));
        int lines = Integer.parseInt(opt.getOrDefault("lines", "3"));
        double replayShare = Double.parseDouble(opt.getOrDefault("replays", "0.05"));
        double conflictShare = Double.parseDouble(opt.getOrDefault("conflicts", "0.02"));
        Path dataDir = Path.of(opt.getOrDefault("data-dir", "target/bench-db")).toAbsolutePath();
        Path out = Path.of(opt.getOrDefault("out", "target/bench/sync-benchmark.json"));
        deleteRecursively(dataDir);

        HeapWatch heap = new HeapWatch();
        long startupStart = System.nanoTime();
        ConfigurableApplicationContext app = start(dataDir);
        double startupSeconds = (System.nanoTime() - startupStart) / 1e9;
        try {
            Environment env = app.getEnvironment();
            int port = Integer.parseInt(env.getProperty("local.server.port"));
            String jdbcUrl = app.getBean(io.tillsync.base.EmbeddedMariaDb.class).jdbcUrl();
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            try (Connection c = DriverManager.getConnection(jdbcUrl, "root", "")) {
                // sellable stock for the whole run: the figures are about booking, not about running out
                c.createStatement().execute("UPDATE stock_levels SET quantity = 100000000");
            }
            List<String> tokens = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                tokens.add(enroll(http, base, "BENCH" + d));
            }
            // warm-up: the JIT and the connection pool, not measured
            runLoad(http, base, tokens, 10, batchSize, lines, 0, 0, 7, null);

            long questionsBefore = questions(jdbcUrl);
            List<Long> firstLatencies = Collections.synchronizedList(new ArrayList<>());
            List<Long> replayLatencies = Collections.synchronizedList(new ArrayList<>());
            Instant loadStartedAt = Instant.now();
            long loadStart = System.nanoTime();
            int sent = runLoad(http, base, tokens, batches, batchSize, lines, replayShare, conflictShare, 42,
                    new List[] {firstLatencies, replayLatencies});
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            long questions = questions(jdbcUrl) - questionsBefore;
            int firstBatches = firstLatencies.size();
            double salesPerSecond = firstBatches * (double) batchSize / loadSeconds;

            Map<Integer, Double> roundTrips = new LinkedHashMap<>();
            for (int size : new int[] {10, 50, 200}) {
                roundTrips.put(size, roundTripsPerBatch(http, base, jdbcUrl, size, lines));
            }
            double[] isolated = isolatedReplayCost(http, base, batchSize, lines);
            double raw = RawLimit.salesPerSecond(jdbcUrl, devices, batches, batchSize, lines);
            double[] serverMs = serverTimeUnderLoad(jdbcUrl, loadStartedAt);

            long[] first = sorted(firstLatencies);
            long[] replays = sorted(replayLatencies);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("at", Instant.now().toString());
            figures.put("machine", machine());
            figures.put("devices", devices);
            figures.put("batches_per_device", batches);
            figures.put("batch_size", batchSize);
            figures.put("lines_per_sale", lines);
            figures.put("replay_share", replayShare);
            figures.put("conflict_share", conflictShare);
            figures.put("requests_sent", sent);
            figures.put("sales_per_second", round(salesPerSecond));
            figures.put("raw_limit_sales_per_second", round(raw));
            figures.put("ratio_to_raw_limit", round(salesPerSecond / raw));
            figures.put("batch_latency_ms", Map.of("p50", ms(pct(first, 50)), "p95", ms(pct(first, 95)), "p99", ms(pct(first, 99))));
            figures.put("replay_latency_ms", Map.of("p50", ms(pct(replays, 50)), "p95", ms(pct(replays, 95))));
            figures.put("replay_cost_ratio_under_load", replays.length == 0 ? null : round(avg(replays) / avg(first)));
            figures.put("server_ms_under_load", Map.of("first_sync", round(serverMs[0]), "replay", round(serverMs[1])));
            figures.put("replay_server_cost_ratio_under_load", round(serverMs[1] / serverMs[0]));
            figures.put("isolated_batch_median_ms", Map.of("first_sync", round(isolated[0]), "replay", round(isolated[1]),
                    "empty_batch", round(isolated[2])));
            figures.put("replay_cost_ratio", round(isolated[1] / isolated[0]));
            figures.put("sql_statements_per_batch_under_load", round(questions / (double) sent));
            figures.put("sql_statements_per_batch_by_size", roundTrips);
            figures.put("peak_heap_mb", round(heap.peakMb()));
            figures.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            figures.put("first_startup_seconds", round(startupSeconds));
            if (Boolean.parseBoolean(opt.getOrDefault("scenarios", "true"))) {
                figures.put("scenarios", scenarios(app, http, base, jdbcUrl, opt, batchSize, lines));
            }
            app.close();
            // a normal start: the embedded database's folder exists already
            long restartStart = System.nanoTime();
            app = start(dataDir);
            figures.put("startup_seconds", round((System.nanoTime() - restartStart) / 1e9));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
            print(figures, out);
        } finally {
            heap.stop();
            app.close();
        }
    }

    /**
     * The conflict paths and the morning storm beside plain sales, in this one run (see {@link Scenarios}).
     * Options: --scenario-devices (8), --scenario-batches (30), --mixed-share (0.05), --storm-tills (1000,3000), --storm-queue (100).
     */
    private static Map<String, Object> scenarios(ConfigurableApplicationContext app, HttpClient http, String base, String jdbcUrl,
                                                 Map<String, String> opt, int size, int lines) throws Exception {
        int devices = Integer.parseInt(opt.getOrDefault("scenario-devices", "8"));
        int batches = Integer.parseInt(opt.getOrDefault("scenario-batches", "30"));
        double share = Double.parseDouble(opt.getOrDefault("mixed-share", "0.05"));
        int queue = Integer.parseInt(opt.getOrDefault("storm-queue", "100"));
        // thousands of storm tills: enrolled through the service as the admin, not one password check (Argon2) each over HTTP
        io.tillsync.devices.DeviceService devicesService = app.getBean(io.tillsync.devices.DeviceService.class);
        Scenarios s = new Scenarios(http, base, jdbcUrl, app.getBean(io.micrometer.core.instrument.MeterRegistry.class), a -> {
            var context = org.springframework.security.core.context.SecurityContextHolder.getContext();
            context.setAuthentication(new org.springframework.security.authentication.UsernamePasswordAuthenticationToken("admin", null,
                    List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ADMIN"))));
            try {
                return devicesService.enroll(a[0], a[1], null).token();
            } finally {
                context.setAuthentication(null);
            }
        });
        Map<String, Object> result = new LinkedHashMap<>();
        // --only=below_zero (or plain, mixed, storm) runs just those, e.g. to profile one path
        List<String> only = List.of(opt.getOrDefault("only", "plain,below_zero,mixed,storm").split(","));
        Scenarios.Figures plain = only.contains("plain") ? s.plain(devices, batches, size, lines) : null;
        Scenarios.Figures below = only.contains("below_zero") ? s.belowZero(devices, batches, size, lines) : null;
        Scenarios.Figures mixed = only.contains("mixed") ? s.mixed(devices, batches, size, lines, share) : null;
        if (plain != null) {
            result.put("plain", plain.asMap());
        }
        if (below != null) {
            result.put("below_zero_settled_by_policy", below.asMap());
        }
        if (mixed != null) {
            result.put("mixed_5pct_waiting_conflicts", mixed.asMap());
        }
        if (plain != null && below != null) {
            result.put("below_zero_to_plain", Scenarios.ratio(below, plain));
        }
        if (plain != null && mixed != null) {
            result.put("mixed_to_plain", Scenarios.ratio(mixed, plain));
        }
        if (!only.contains("storm")) {
            return result;
        }
        for (String tills : opt.getOrDefault("storm-tills", "1000,3000").split(",")) {
            if (!tills.isBlank()) {
                int count = Integer.parseInt(tills.strip());
                result.put("storm_" + count + "_tills_x_" + queue, s.storm(count, queue, size, lines).asMap());
                result.put("storm_stock_running_out_" + count + "_tills_x_" + queue, s.stormStockOut(count, queue, size, lines, share));
            }
        }
        return result;
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplication(Application.class).run(
                "--server.port=0", "--tillsync.embedded-db.data-dir=" + dataDir, "--tillsync.demo-data=true",
                "--TILLSYNC_ADMIN_PASSWORD=" + ADMIN_PASSWORD, "--vaadin.productionMode=true",
                "--logging.level.root=WARN", "--logging.level.io.tillsync=WARN",
                // the benchmark measures booking, not the per-device request limit a real till never reaches
                "--tillsync.sync.rate-limit.enabled=false",
                // its thousands of simulated tills all come from one loopback address
                "--tillsync.http.max-in-flight-per-address=100000");
    }

    /** Every device thread pushes its batches back to back; a share of them are resent (replays). */
    @SuppressWarnings("unchecked")
    private static int runLoad(HttpClient http, String base, List<String> tokens, int batches, int batchSize, int lines,
                               double replayShare, double conflictShare, long seed, List<Long>[] latencies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        AtomicLong sent = new AtomicLong();
        List<Future<?>> work = new ArrayList<>();
        for (int d = 0; d < tokens.size(); d++) {
            int device = d;
            work.add(pool.submit(() -> {
                String deviceId = "BENCH" + device;
                BenchLoad load = new BenchLoad(deviceId + "-" + seed, seed * 31 + device);
                SplittableRandom random = new SplittableRandom(seed + device);
                String previous = null;
                for (int b = 0; b < batches; b++) {
                    boolean replay = previous != null && random.nextDouble() < replayShare;
                    String body = replay ? previous : JSON.writeValueAsString(withDevice(load.batch(batchSize, lines, conflictShare), deviceId));
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/pos/offline/batch-sync"))
                            .header("Authorization", "Bearer " + tokens.get(device)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - t0;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("batch refused: " + r.statusCode() + " " + r.body());
                    }
                    sent.incrementAndGet();
                    if (latencies != null) {
                        latencies[replay ? 1 : 0].add(took);
                    }
                    if (!replay) {
                        previous = body;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return (int) sent.get();
    }

    private static Map<String, Object> withDevice(Map<String, Object> batch, String deviceId) {
        batch.put("device_id", deviceId);
        return batch;
    }

    /**
     * What a replay costs next to its first sync, with nothing else going on: under load both
     * mostly wait for the same CPUs, which says little about the replay itself. Median latency of
     * 40 first syncs of one device, then of the same 40 batches sent again (the median, because
     * on a shared machine a few requests always land behind someone else's work).
     */
    private static double[] isolatedReplayCost(HttpClient http, String base, int size, int lines) throws Exception {
        String deviceId = "BENCHREPLAY";
        String token = enroll(http, base, deviceId);
        BenchLoad load = new BenchLoad(deviceId, 99);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            bodies.add(JSON.writeValueAsString(withDevice(load.batch(size, lines, 0), deviceId)));
        }
        List<Long> first = new ArrayList<>();
        for (String body : bodies) {
            long t0 = System.nanoTime();
            send(http, base, token, body);
            first.add(System.nanoTime() - t0);
        }
        List<Long> replay = new ArrayList<>();
        for (String body : bodies) {
            long t0 = System.nanoTime();
            send(http, base, token, body);
            replay.add(System.nanoTime() - t0);
        }
        // the floor every request pays (HTTP, token check, log), whatever it carries
        String empty = JSON.writeValueAsString(withDevice(load.batch(0, lines, 0), deviceId));
        List<Long> floor = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            long t0 = System.nanoTime();
            send(http, base, token, empty);
            floor.add(System.nanoTime() - t0);
        }
        return new double[] {pct(sorted(first), 50) / 1e6, pct(sorted(replay), 50) / 1e6, pct(sorted(floor), 50) / 1e6};
    }

    /**
     * Mean time the server itself spent on first syncs and on replays during the load, as it
     * logged them (waiting for a CPU included, the client and the network not; whole
     * milliseconds per request, so a figure under 1 means most took less than one).
     */
    private static double[] serverTimeUnderLoad(String jdbcUrl, Instant since) throws Exception {
        double[] result = {Double.NaN, Double.NaN};
        try (Connection c = DriverManager.getConnection(jdbcUrl, "root", "");
             var q = c.prepareStatement("SELECT replayed_count = total_items, AVG(duration_ms) FROM sync_requests "
                     + "WHERE device_id LIKE 'BENCH_' AND endpoint = 'batch-sync' AND received_at >= ? GROUP BY 1")) {
            q.setObject(1, java.time.LocalDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    result[rs.getBoolean(1) ? 1 : 0] = rs.getDouble(2);
                }
            }
        }
        return result;
    }

    /** Statements the server runs for one batch, with nothing else going on. */
    private static double roundTripsPerBatch(HttpClient http, String base, String jdbcUrl, int size, int lines) throws Exception {
        String deviceId = "BENCHRT" + size;
        String token = enroll(http, base, deviceId);
        BenchLoad load = new BenchLoad(deviceId, size);
        String warm = JSON.writeValueAsString(withDevice(load.batch(size, lines, 0), deviceId));
        send(http, base, token, warm);
        int rounds = 5;
        long before = questions(jdbcUrl);
        for (int i = 0; i < rounds; i++) {
            send(http, base, token, JSON.writeValueAsString(withDevice(load.batch(size, lines, 0), deviceId)));
        }
        // each questions() call itself counts as one statement
        return (questions(jdbcUrl) - before - 1) / (double) rounds;
    }

    private static void send(HttpClient http, String base, String token, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/pos/offline/batch-sync"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.body());
        }
    }

    private static String enroll(HttpClient http, String base, String deviceId) throws Exception {
        return enroll(http, base, deviceId, BenchLoad.BRANCH);
    }

    private static String enroll(HttpClient http, String base, String deviceId, String branch) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/devices"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"device_id\":\"" + deviceId + "\",\"branch_code\":\"" + branch + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        return body.get("data").get("token").asString();
    }

    private static long questions(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "root", "");
             ResultSet rs = c.createStatement().executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static final class HeapWatch {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-watch");
            t.setDaemon(true);
            return t;
        });
        private volatile long peak;

        HeapWatch() {
            timer.scheduleAtFixedRate(() -> {
                long used = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        used += pool.getUsage().getUsed();
                    }
                }
                peak = Math.max(peak, used);
            }, 0, 50, TimeUnit.MILLISECONDS);
        }

        double peakMb() {
            return peak / (1024.0 * 1024.0);
        }

        void stop() {
            timer.shutdownNow();
        }
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + ", heap max "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, MariaDB 11.4 embedded (innodb_flush_log_at_trx_commit=1)";
    }

    private static void print(Map<String, Object> figures, Path out) {
        System.out.println();
        System.out.println("Tillsync sync benchmark");
        figures.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m && m.values().stream().anyMatch(x -> x instanceof Map)) {
                System.out.printf("  %s%n", k);
                m.forEach((name, value) -> System.out.printf("    %-36s %s%n", name, value));
            } else {
                System.out.printf("  %-38s %s%n", k, v);
            }
        });
        System.out.println("  figures written to " + out.toAbsolutePath());
    }

    private static long[] sorted(List<Long> values) {
        long[] a = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double avg(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        // Maven hands -Dbench.args over as one argument: split it again
        for (String a : String.join(" ", args).trim().split("\\s+")) {
            if (a.startsWith("--") && a.contains("=")) {
                opt.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        return opt;
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
    }
}
