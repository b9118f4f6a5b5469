package io.tillsync.reliability;

import io.tillsync.reliability.SoakProcesses.AppNode;
import io.tillsync.reliability.SoakProcesses.LossyProxy;
import io.tillsync.reliability.SoakProcesses.MariaDb;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fault and load soak. Simulated tills sell, keep a ledger of what they sold and what the server
 * acknowledged, and sync against two Tillsync nodes sharing one MariaDB server while faults are
 * injected at random moments: nodes killed with SIGKILL and restarted, the database killed and
 * restarted, responses lost after the server committed, the same batch sent to both nodes at once,
 * every till reconnecting at the same moment after an outage; then, in a second phase, a node on
 * its embedded database killed and restarted on its own data folder. At the end the database must
 * equal the ledgers exactly.
 *
 * <pre>java -cp ... io.tillsync.reliability.Soak --sales=100000 --faults=50 [--devices=8] [--jar=target/tillsync-1.0.0-SNAPSHOT.jar]</pre>
 */
public final class Soak {

    static final String ADMIN_PASSWORD = "Kopi-Susu-Gula-Aren-2025";
    static final String BRANCH = "BRN-MST-OSK00001";
    static final long[][] CATALOG = {{1238, 15000}, {1239, 8000}, {1240, 5000}, {1241, 18000}, {1242, 32000}, {1243, 27000},
            {1244, 12000}, {1245, 10000}, {1246, 7500}, {1247, 10000}, {1248, 22000}, {1249, 35000}};
    static final BigDecimal START_STOCK = new BigDecimal("100000000");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    enum Fault { APP_KILLED, DB_KILLED, RESPONSE_LOST, SAME_BATCH_TWO_NODES, RECONNECT_STORM, EMBEDDED_APP_KILLED }

    /** What a run is asked to do. */
    public record Config(int sales, int faults, int devices, int embeddedSales, int embeddedKills, String jar, Path workDir, long seed) {
    }

    /** What a run found. */
    public record Report(long sales, long voids, Map<Fault, Integer> faults, long lost, long doubled, long unacknowledged,
                         long stockMismatches, long conflicts, long lineMismatches, long requests, Map<String, Integer> answers,
                         Duration took) {

        boolean clean() {
            return lost == 0 && doubled == 0 && unacknowledged == 0 && stockMismatches == 0 && conflicts == 0 && lineMismatches == 0;
        }

        @Override
        public String toString() {
            return String.format("sales %d, voids %d, requests %d, faults %s, lost %d, doubled %d, unacknowledged %d, "
                            + "stock mismatches %d, line mismatches %d, conflicts %d, took %d s", sales, voids, requests, faults, lost, doubled,
                    unacknowledged, stockMismatches, lineMismatches, conflicts, took.toSeconds());
        }
    }

    // ------------------------------------------------------------------ the tills and their ledgers

    /** One sale as the till remembers it. */
    static final class Sale {
        final String offlineId = UUID.randomUUID().toString();
        final String reference;
        final ObjectNode doc;
        final Map<Long, Integer> quantities = new TreeMap<>();
        volatile Long serverId;
        volatile String voidOfflineId;
        volatile ObjectNode voidDoc;
        volatile boolean voidAcked;

        Sale(String deviceId, int seq, Random random) {
            reference = deviceId + "-" + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "") + "-" + String.format("%06d", seq);
            doc = F.objectNode();
            doc.put("offline_id", offlineId);
            doc.put("offline_reference", reference);
            doc.put("device_id", deviceId);
            doc.put("created_at_device", Instant.now().toString());
            doc.put("branch_code", BRANCH);
            doc.put("payment_method", "CASH");
            doc.put("id_user_apps", 5);
            ArrayNode items = doc.putArray("items");
            long subtotal = 0;
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                long[] product = CATALOG[random.nextInt(CATALOG.length)];
                int qty = 1 + random.nextInt(3);
                ObjectNode line = items.addObject();
                line.put("product_id", product[0]);
                line.put("quantity", qty);
                line.put("unit_price", product[1]);
                line.put("subtotal", qty * product[1]);
                quantities.merge(product[0], qty, Integer::sum);
                subtotal += qty * product[1];
            }
            doc.put("subtotal", subtotal);
            doc.put("discount_total", 0);
            doc.put("tax_total", subtotal / 10);
            doc.put("grand_total", subtotal + subtotal / 10);
            doc.put("status", "paid");
        }

        void voidIt() {
            voidOfflineId = UUID.randomUUID().toString();
            voidDoc = F.objectNode();
            voidDoc.put("offline_id", voidOfflineId);
            voidDoc.put("transaction_offline_id", offlineId);
            voidDoc.put("reason", "customer changed their mind");
            voidDoc.put("voided_at_device", Instant.now().toString());
            voidDoc.put("id_user_apps", 5);
        }
    }

    /** A till: sells, queues, syncs, retries whatever it did not see acknowledged. */
    final class Till implements Runnable {
        final String deviceId;
        final String token;
        final Random random;
        final List<Sale> ledger = new ArrayList<>();
        final List<Sale> pendingSales = new ArrayList<>();
        final List<Sale> pendingVoids = new ArrayList<>();
        int seq;
        volatile boolean loseNextResponse;
        volatile boolean sendToBothNodes;

        Till(String deviceId, String token, long seed) {
            this.deviceId = deviceId;
            this.token = token;
            this.random = new Random(seed);
        }

        @Override
        public void run() {
            while (!stop) {
                if (selling) {
                    for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                        Sale s = new Sale(deviceId, ++seq, random);
                        ledger.add(s);
                        pendingSales.add(s);
                    }
                    if (random.nextInt(8) == 0) {
                        Sale candidate = ledger.get(random.nextInt(ledger.size()));
                        if (candidate.serverId != null && candidate.voidDoc == null) {
                            candidate.voidIt();
                            pendingVoids.add(candidate);
                        }
                    }
                }
                if (offline) {
                    SoakProcesses.sleep(50);
                    continue;
                }
                if (pendingSales.isEmpty() && pendingVoids.isEmpty()) {
                    if (!selling) {
                        idle.add(deviceId);
                        SoakProcesses.sleep(100);
                    }
                    continue;
                }
                idle.remove(deviceId);
                sync();
            }
        }

        private void sync() {
            List<Sale> sales = new ArrayList<>(pendingSales.subList(0, Math.min(pendingSales.size(), 50)));
            List<Sale> voids = new ArrayList<>(pendingVoids.subList(0, Math.min(pendingVoids.size(), 50 - sales.size())));
            ObjectNode batch = F.objectNode();
            ArrayNode tx = batch.putArray("transactions");
            sales.forEach(s -> tx.add(s.doc));
            batch.putArray("payments");
            ArrayNode vs = batch.putArray("voids");
            voids.forEach(s -> vs.add(s.voidDoc));
            batch.put("device_id", deviceId);
            batch.put("synced_at", Instant.now().toString());
            batch.put("queue_depth", pendingSales.size() + pendingVoids.size() - sales.size() - voids.size());
            byte[] body = JSON.writeValueAsBytes(batch);
            if (loseNextResponse && proxy != null) {
                loseNextResponse = false;
                int before = proxy.dropped.get();
                send(body, "http://127.0.0.1:" + proxy.port());
                if (proxy.dropped.get() > before) {
                    fault(Fault.RESPONSE_LOST);
                }
                return;
            }
            if (sendToBothNodes && nodes.size() > 1 && nodes.stream().allMatch(n -> n.up)) {
                sendToBothNodes = false;
                CountDownLatch go = new CountDownLatch(1);
                List<HttpResponse<String>> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
                List<Thread> threads = new ArrayList<>();
                for (AppNode node : nodes) {
                    threads.add(Thread.ofVirtual().start(() -> {
                        try {
                            go.await();
                            HttpResponse<String> r = send(body, node.base());
                            if (r != null) {
                                answers.add(r);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                }
                go.countDown();
                threads.forEach(t -> {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                fault(Fault.SAME_BATCH_TWO_NODES);
                answers.forEach(r -> absorb(r, sales, voids));
                return;
            }
            List<AppNode> live = nodes.stream().filter(n -> n.up).toList();
            AppNode node = live.isEmpty() ? nodes.get(random.nextInt(nodes.size())) : live.get(random.nextInt(live.size()));
            HttpResponse<String> r = send(body, node.base());
            if (r != null) {
                absorb(r, sales, voids);
            }
        }

        private HttpResponse<String> send(byte[] body, String base) {
            requests.incrementAndGet();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/pos/offline/batch-sync"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    SoakProcesses.sleep(100 + random.nextInt(400));
                }
                return r;
            } catch (IOException e) {
                statuses.computeIfAbsent("no answer", k -> new AtomicInteger()).incrementAndGet();
                SoakProcesses.sleep(100 + random.nextInt(400));
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** Takes what the server acknowledged off the queue; anything else stays queued and is sent again. */
        private synchronized void absorb(HttpResponse<String> r, List<Sale> sales, List<Sale> voids) {
            statuses.computeIfAbsent(Integer.toString(r.statusCode()), k -> new AtomicInteger()).incrementAndGet();
            if (r.statusCode() != 200) {
                return;
            }
            JsonNode results = JSON.readTree(r.body()).path("data").path("results");
            if (!results.isArray() || results.size() != sales.size() + voids.size()) {
                problems.add(deviceId + " got 200 without one result per item: " + r.body());
                return;
            }
            for (int i = 0; i < sales.size(); i++) {
                JsonNode result = results.get(i);
                Sale s = sales.get(i);
                if (result.path("conflict_detected").asBoolean(false)) {
                    conflictsSeen.incrementAndGet();
                    problems.add(deviceId + " " + s.reference + " got a conflict: " + result);
                }
                if (result.path("success").asBoolean(false)) {
                    long id = result.path("server_id").asLong();
                    if (s.serverId == null) {
                        s.serverId = id;
                        acknowledged.incrementAndGet();
                    } else if (s.serverId != id) {
                        doubledSeen.incrementAndGet();
                        problems.add(deviceId + " " + s.reference + " acknowledged as " + s.serverId + " and as " + id);
                    }
                    pendingSales.remove(s);
                }
            }
            for (int i = 0; i < voids.size(); i++) {
                JsonNode result = results.get(sales.size() + i);
                if (result.path("conflict_detected").asBoolean(false)) {
                    conflictsSeen.incrementAndGet();
                    problems.add(deviceId + " void of " + voids.get(i).reference + " got a conflict: " + result);
                }
                if (result.path("success").asBoolean(false)) {
                    voids.get(i).voidAcked = true;
                    pendingVoids.remove(voids.get(i));
                }
            }
        }
    }

    // ------------------------------------------------------------------ one run

    private final Config config;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<Fault, AtomicInteger> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger doubledSeen = new AtomicInteger();
    private final AtomicInteger conflictsSeen = new AtomicInteger();
    private final java.util.Set<String> idle = ConcurrentHashMap.newKeySet();
    private volatile boolean stop;
    private volatile boolean selling = true;
    private volatile boolean offline;
    private volatile int target;
    private List<AppNode> nodes = List.of();
    private LossyProxy proxy;

    private Soak(Config config) {
        this.config = config;
        for (Fault f : Fault.values()) {
            faults.put(f, new AtomicInteger());
        }
    }

    private void fault(Fault f) {
        faults.get(f).incrementAndGet();
    }

    public static Report run(Config config) throws Exception {
        return new Soak(config).runAll();
    }

    private Report runAll() throws Exception {
        Instant started = Instant.now();
        Path work = config.workDir().toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        long[] totals = new long[7];
        try (MariaDb db = new MariaDb(work.resolve("mariadb"))) {
            db.install();
            db.start();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SPRING_DATASOURCE_URL", db.url());
            env.put("SPRING_DATASOURCE_USERNAME", "root");
            env.put("SPRING_DATASOURCE_PASSWORD", "");
            env.put("TILLSYNC_DEMO_DATA", "true");
            env.put("TILLSYNC_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("TILLSYNC_DB_POOL_SIZE", "8");
            AppNode a = new AppNode("node-a", work, env, config.jar());
            AppNode b = new AppNode("node-b", work, env, config.jar());
            try (a; b) {
                // one after the other: the first creates the schema, the admin user and the demo data
                a.start();
                a.awaitReady(http);
                b.start();
                b.awaitReady(http);
                nodes = List.of(a, b);
                try (LossyProxy lossy = new LossyProxy(() -> a.up ? a.port : b.port)) {
                    proxy = lossy;
                    add(totals, phase("external", db.url(), config.sales(), config.faults(), config.devices(), db, false));
                }
            }
        }
        if (config.embeddedSales() > 0) {
            int dbPort = SoakProcesses.freePort();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("TILLSYNC_DATA_DIR", work.resolve("embedded").toString());
            env.put("TILLSYNC_EMBEDDED_DB_PORT", Integer.toString(dbPort));
            env.put("TILLSYNC_ADMIN_PASSWORD", ADMIN_PASSWORD);
            AppNode e = new AppNode("node-embedded", work, env, config.jar());
            try (e) {
                e.start();
                e.awaitReady(http);
                nodes = List.of(e);
                proxy = null;
                add(totals, phase("embedded", "jdbc:mariadb://127.0.0.1:" + dbPort + "/tillsync", config.embeddedSales(),
                        config.embeddedKills(), Math.max(2, config.devices() / 2), null, true));
            }
        }
        Map<Fault, Integer> byKind = new LinkedHashMap<>();
        faults.forEach((k, v) -> byKind.put(k, v.get()));
        Report report = new Report(totals[0], totals[1], byKind, totals[2], totals[3] + doubledSeen.get(), totals[4], totals[5],
                totals[6] + conflictsSeen.get(), lineMismatches, requests.get(), answers(), Duration.between(started, Instant.now()));
        System.out.println("\nSoak: " + report + "\n  answers: " + report.answers());
        synchronized (problems) {
            problems.stream().limit(20).forEach(p -> System.out.println("  PROBLEM " + p));
        }
        return report;
    }

    private long lineMismatches;

    private Map<String, Integer> answers() {
        Map<String, Integer> answers = new TreeMap<>();
        statuses.forEach((k, v) -> answers.put(k, v.get()));
        return answers;
    }

    private static void add(long[] into, long[] more) {
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
    }

    /** Runs tills against the current nodes until `sales` are acknowledged, injecting `faultCount` faults, then checks the database. */
    private long[] phase(String name, String jdbcUrl, int sales, int faultCount, int deviceCount, MariaDb db, boolean embedded)
            throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "root", "")) {
            c.createStatement().executeUpdate("UPDATE stock_levels SET quantity = " + START_STOCK.toPlainString());
        }
        Map<Long, BigDecimal> stockBefore = stock(jdbcUrl);
        acknowledged.set(0);
        target = sales;
        selling = true;
        stop = false;
        idle.clear();
        List<Till> tills = new ArrayList<>();
        Random random = new Random(config.seed() + name.hashCode());
        for (int i = 0; i < deviceCount; i++) {
            String id = "SK" + name.substring(0, 1).toUpperCase() + i + "-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            tills.add(new Till(id, enroll(nodes.getFirst(), id), random.nextLong()));
        }
        List<Thread> threads = tills.stream().map(t -> Thread.ofPlatform().name(t.deviceId).start(t)).toList();

        List<Fault> rotation = embedded ? List.of(Fault.EMBEDDED_APP_KILLED)
                : List.of(Fault.APP_KILLED, Fault.RESPONSE_LOST, Fault.DB_KILLED, Fault.SAME_BATCH_TWO_NODES, Fault.RECONNECT_STORM,
                Fault.RESPONSE_LOST, Fault.SAME_BATCH_TWO_NODES);
        for (int f = 0; f < faultCount; f++) {
            int at = (int) ((long) sales * (f + 1) / (faultCount + 1));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
            while (acknowledged.get() < at && Instant.now().isBefore(deadline)) {
                SoakProcesses.sleep(20);
            }
            SoakProcesses.sleep(random.nextInt(150));
            inject(rotation.get(f % rotation.size()), tills, random, db);
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(60));
        while (acknowledged.get() < sales && Instant.now().isBefore(deadline)) {
            SoakProcesses.sleep(100);
        }
        // drain: no new sales, every till sends until its queue is empty
        selling = false;
        Instant drainUntil = Instant.now().plus(Duration.ofMinutes(3));
        while (idle.size() < tills.size() && Instant.now().isBefore(drainUntil)) {
            SoakProcesses.sleep(100);
        }
        stop = true;
        for (Thread t : threads) {
            t.join(60_000);
        }
        return verify(name, jdbcUrl, tills, stockBefore);
    }

    private void inject(Fault fault, List<Till> tills, Random random, MariaDb db) throws Exception {
        switch (fault) {
            case APP_KILLED, EMBEDDED_APP_KILLED -> {
                AppNode victim = nodes.get(random.nextInt(nodes.size()));
                victim.kill();
                fault(fault);
                victim.start();
                victim.awaitReady(http);
            }
            case DB_KILLED -> {
                db.kill();
                fault(fault);
                SoakProcesses.sleep(500 + random.nextInt(2_000));
                db.start();
            }
            case RESPONSE_LOST -> {
                for (int i = 0; i < Math.min(3, tills.size()); i++) {
                    tills.get(random.nextInt(tills.size())).loseNextResponse = true;
                }
            }
            case SAME_BATCH_TWO_NODES -> {
                for (int i = 0; i < Math.min(3, tills.size()); i++) {
                    tills.get(random.nextInt(tills.size())).sendToBothNodes = true;
                }
            }
            case RECONNECT_STORM -> {
                // an outage: every till keeps selling offline, then all come back at the same moment
                offline = true;
                SoakProcesses.sleep(2_000 + random.nextInt(3_000));
                offline = false;
                fault(fault);
            }
        }
    }

    private String enroll(AppNode node, String deviceId) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/admin/devices"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"device_id\":\"" + deviceId + "\",\"branch_code\":\"" + BRANCH + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("enroll failed: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("data").path("token").asString();
    }

    private static Map<Long, BigDecimal> stock(String jdbcUrl) throws Exception {
        Map<Long, BigDecimal> stock = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "root", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT s.product_id, s.quantity FROM stock_levels s "
                     + "JOIN branches b ON b.id = s.branch_id WHERE b.code = '" + BRANCH + "'")) {
            while (rs.next()) {
                stock.put(rs.getLong(1), rs.getBigDecimal(2));
            }
        }
        return stock;
    }

    /** The database against the ledgers: {sales, voids, lost, doubled, unacknowledged, stock mismatches, conflicts}. */
    private long[] verify(String phase, String jdbcUrl, List<Till> tills, Map<Long, BigDecimal> stockBefore) throws Exception {
        record Row(long id, String reference, boolean voided, Map<Long, Integer> lines) {
        }
        Map<String, Row> stored = new HashMap<>();
        Map<String, Integer> copies = new HashMap<>();
        long conflicts;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "root", "")) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT t.offline_id, t.id, t.offline_reference, t.status, i.product_id, "
                    + "i.quantity FROM transactions t JOIN transaction_items i ON i.transaction_id = t.id WHERE t.device_id LIKE 'SK%'")) {
                while (rs.next()) {
                    String offlineId = rs.getString(1);
                    Row row = stored.computeIfAbsent(offlineId, k -> {
                        try {
                            copies.merge(rs.getString(3), 1, Integer::sum);
                            return new Row(rs.getLong(2), rs.getString(3), "voided".equals(rs.getString(4)), new TreeMap<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    row.lines().merge(rs.getLong(5), rs.getBigDecimal(6).intValueExact(), Integer::sum);
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM offline_conflicts WHERE device_id LIKE 'SK%'")) {
                rs.next();
                conflicts = rs.getLong(1);
            }
        }
        long sales = 0;
        long voids = 0;
        long lost = 0;
        long doubled = copies.values().stream().filter(n -> n > 1).count();
        long unacknowledged = 0;
        Map<Long, BigDecimal> expected = new HashMap<>(stockBefore);
        java.util.Set<String> known = new java.util.HashSet<>();
        for (Till t : tills) {
            for (Sale s : t.ledger) {
                known.add(s.offlineId);
                Row row = stored.get(s.offlineId);
                if (s.serverId == null) {
                    unacknowledged++;
                    problems.add(phase + ": never acknowledged " + s.reference);
                    continue;
                }
                sales++;
                if (row == null) {
                    lost++;
                    problems.add(phase + ": acknowledged but not stored " + s.reference);
                    continue;
                }
                if (row.id() != s.serverId) {
                    doubled++;
                    problems.add(phase + ": " + s.reference + " acknowledged as " + s.serverId + ", stored as " + row.id());
                }
                if (!row.lines().equals(s.quantities)) {
                    lineMismatches++;
                    problems.add(phase + ": " + s.reference + " lines " + row.lines() + " but sold " + s.quantities);
                }
                s.quantities.forEach((p, q) -> expected.merge(p, BigDecimal.valueOf(-q), BigDecimal::add));
                if (s.voidAcked) {
                    voids++;
                    s.quantities.forEach((p, q) -> expected.merge(p, BigDecimal.valueOf(q), BigDecimal::add));
                }
                if (s.voidAcked != row.voided()) {
                    problems.add(phase + ": " + s.reference + " voided on the till " + s.voidAcked + ", on the server " + row.voided());
                    if (s.voidAcked) {
                        lost++;
                    } else {
                        unacknowledged++;
                    }
                }
            }
        }
        for (String offlineId : stored.keySet()) {
            if (!known.contains(offlineId)) {
                doubled++;
                problems.add(phase + ": stored sale no till sold: " + offlineId);
            }
        }
        long stockMismatches = 0;
        Map<Long, BigDecimal> after = stock(jdbcUrl);
        for (var e : expected.entrySet()) {
            if (after.getOrDefault(e.getKey(), BigDecimal.ZERO).compareTo(e.getValue()) != 0) {
                stockMismatches++;
                problems.add(phase + ": stock of " + e.getKey() + " is " + after.get(e.getKey()) + ", ledgers say " + e.getValue());
            }
        }
        System.out.printf("Soak phase %s: %d sales, %d voids acknowledged by %d tills; lost %d, doubled %d, unacknowledged %d, "
                + "stock mismatches %d, conflicts %d%n", phase, sales, voids, tills.size(), lost, doubled, unacknowledged, stockMismatches, conflicts);
        return new long[] {sales, voids, lost, doubled, unacknowledged, stockMismatches, conflicts};
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int faultsWanted = Integer.parseInt(a.getOrDefault("faults", "50"));
        Config config = new Config(Integer.parseInt(a.getOrDefault("sales", "100000")), faultsWanted,
                Integer.parseInt(a.getOrDefault("devices", "8")), Integer.parseInt(a.getOrDefault("embedded-sales", "5000")),
                Integer.parseInt(a.getOrDefault("embedded-kills", "3")), a.get("jar"),
                Path.of(a.getOrDefault("work", "target/soak")), Long.parseLong(a.getOrDefault("seed", "1")));
        Report report = run(config);
        System.exit(report.clean() ? 0 : 1);
    }
}
