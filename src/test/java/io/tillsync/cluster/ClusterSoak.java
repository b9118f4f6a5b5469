package io.tillsync.cluster;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ledger soak on the local Galera cluster: tills in two branches sell through HAProxy to two
 * Tillsync nodes while the writer database node is killed with SIGKILL (HAProxy fails over to the
 * next) and restarted, a backup node is killed and rejoins, the writer is cut off from the others
 * (it answers ERROR 1047 until HAProxy moves on), and app nodes are killed and restarted. Stock runs
 * out in both branches: Senopati allows negative stock (its policy settles it), Kemang forbids it
 * (the sale stays an open conflict). At the end every sale a till sold is booked once or is one
 * open conflict, as the till was told, and stock equals the start minus what was booked.
 *
 * <pre>java -cp ... io.tillsync.cluster.ClusterSoak --sales=50000 --faults=20 [--tills=8]</pre>
 */
public final class ClusterSoak {

    static final String ADMIN_PASSWORD = "Kopi-Susu-Gula-Aren-2025";
    static final String ALLOWING = "BRN-MST-OSK00001";
    static final String FORBIDDING = "BRN-MST-OSK00002";
    /** Products 1238..1249 cost the same in both branches; the last of each branch's list is scarce. */
    static final long[][] CATALOG = {{1238, 15000}, {1239, 8000}, {1240, 5000}, {1241, 18000}, {1242, 32000}, {1243, 27000},
            {1244, 12000}, {1245, 10000}, {1246, 7500}, {1247, 10000}, {1248, 22000}, {1249, 35000}};
    static final long SCARCE_ALLOWING = 1249;
    static final long SCARCE_FORBIDDING = 1248;
    static final BigDecimal PLENTY = new BigDecimal("100000000");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    enum Fault { WRITER_KILLED, BACKUP_KILLED, WRITER_CUT_OFF, APP_KILLED }

    public record Config(int sales, int faults, int tills, Path workDir, int portBase, long seed, int scarceStock) {
    }

    public record Report(long sold, long booked, long openConflicts, long settledByPolicy, Map<Fault, Integer> faults, long lost,
                         long doubled, long unacknowledged, long stockMismatches, long nodesDiffering, List<Long> failoverMillis,
                         Map<String, Integer> rejoins, Map<String, Integer> answers, long requests, Duration took) {

        boolean clean() {
            return lost == 0 && doubled == 0 && unacknowledged == 0 && stockMismatches == 0 && nodesDiffering == 0;
        }

        @Override
        public String toString() {
            return String.format("sold %d: booked %d (settled by policy %d), open conflicts %d; faults %s; lost %d, doubled %d, "
                            + "unacknowledged %d, stock mismatches %d, nodes differing %d; failover ms %s; rejoins %s; requests %d, "
                            + "answers %s; took %d s", sold, booked, settledByPolicy, openConflicts, faults, lost, doubled, unacknowledged,
                    stockMismatches, nodesDiffering, failoverMillis, rejoins, requests, answers, took.toSeconds());
        }
    }

    /** One sale as the till remembers it, and what the server said of it. */
    static final class Sale {
        final String offlineId = java.util.UUID.randomUUID().toString();
        final String reference;
        final String branch;
        final ObjectNode doc;
        final Map<Long, Integer> quantities = new TreeMap<>();
        volatile Long serverId;
        volatile String conflictId;
        volatile boolean settled;

        Sale(String deviceId, String branch, int seq, Random random) {
            this.branch = branch;
            reference = deviceId + "-20261202-" + String.format("%06d", seq);
            doc = F.objectNode();
            doc.put("offline_id", offlineId);
            doc.put("offline_reference", reference);
            doc.put("device_id", deviceId);
            doc.put("created_at_device", Instant.now().toString());
            doc.put("branch_code", branch);
            doc.put("payment_method", "CASH");
            doc.put("id_user_apps", 5);
            ArrayNode items = doc.putArray("items");
            long subtotal = 0;
            long scarce = branch.equals(ALLOWING) ? SCARCE_ALLOWING : SCARCE_FORBIDDING;
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                long[] product = CATALOG[random.nextInt(CATALOG.length)];
                if (quantities.containsKey(product[0]) || (product[0] != scarce && product[0] >= SCARCE_FORBIDDING)) {
                    continue; // one line per product; the other branch's scarce product is left out
                }
                int qty = 1 + random.nextInt(3);
                ObjectNode line = items.addObject();
                line.put("product_id", product[0]);
                line.put("quantity", qty);
                line.put("unit_price", product[1]);
                line.put("subtotal", qty * product[1]);
                quantities.put(product[0], qty);
                subtotal += qty * product[1];
            }
            if (quantities.isEmpty()) {
                ObjectNode line = items.addObject();
                line.put("product_id", 1238);
                line.put("quantity", 1);
                line.put("unit_price", 15000);
                line.put("subtotal", 15000);
                quantities.put(1238L, 1);
                subtotal = 15000;
            }
            doc.put("subtotal", subtotal);
            doc.put("discount_total", 0);
            doc.put("tax_total", subtotal / 10);
            doc.put("grand_total", subtotal + subtotal / 10);
            doc.put("status", "paid");
        }

        boolean answered() {
            return serverId != null || conflictId != null;
        }
    }

    /** A till: sells, queues, syncs through HAProxy, sends again whatever it did not see answered. */
    final class Till implements Runnable {
        final String deviceId;
        final String branch;
        final String token;
        final Random random;
        final List<Sale> ledger = new ArrayList<>();
        final List<Sale> pending = new ArrayList<>();
        int seq;

        Till(String deviceId, String branch, String token, long seed) {
            this.deviceId = deviceId;
            this.branch = branch;
            this.token = token;
            this.random = new Random(seed);
        }

        @Override
        public void run() {
            while (!stop) {
                if (selling) {
                    for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                        Sale s = new Sale(deviceId, branch, ++seq, random);
                        ledger.add(s);
                        pending.add(s);
                    }
                }
                if (pending.isEmpty()) {
                    idle.add(deviceId);
                    sleep(100);
                    continue;
                }
                idle.remove(deviceId);
                sync();
            }
        }

        private void sync() {
            List<Sale> sales = new ArrayList<>(pending.subList(0, Math.min(pending.size(), 50)));
            ObjectNode batch = F.objectNode();
            ArrayNode tx = batch.putArray("transactions");
            sales.forEach(s -> tx.add(s.doc));
            batch.put("device_id", deviceId);
            batch.put("synced_at", Instant.now().toString());
            batch.put("queue_depth", pending.size() - sales.size());
            long started = System.nanoTime();
            requests.incrementAndGet();
            HttpResponse<String> r;
            try {
                r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/pos/offline/batch-sync"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(batch)))
                        .build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                count("no answer");
                sleep(100 + random.nextInt(400));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            count(Integer.toString(r.statusCode()));
            if (r.statusCode() != 200) {
                long retryAfter = r.headers().firstValueAsLong("Retry-After").orElse(0);
                sleep(Math.max(retryAfter * 1000, 100 + random.nextInt(400)));
                return;
            }
            JsonNode results = JSON.readTree(r.body()).path("data").path("results");
            if (!results.isArray() || results.size() != sales.size()) {
                problems.add(deviceId + " got 200 without one result per item: " + r.body());
                return;
            }
            boolean committed = false;
            for (int i = 0; i < sales.size(); i++) {
                JsonNode result = results.get(i);
                Sale s = sales.get(i);
                if (result.path("success").asBoolean(false)) {
                    long id = result.path("server_id").asLong();
                    if (s.serverId != null && s.serverId != id) {
                        doubledSeen.incrementAndGet();
                        problems.add(deviceId + " " + s.reference + " acknowledged as " + s.serverId + " and as " + id);
                    }
                    s.serverId = id;
                    s.settled = result.path("conflict_detected").asBoolean(false);
                    pending.remove(s);
                    committed = true;
                } else if (result.path("conflict_detected").asBoolean(false)) {
                    s.conflictId = result.path("conflict_id").asString();
                    pending.remove(s);
                    committed = true;
                } else {
                    String code = result.path("error").path("code").asString("");
                    count("item " + code);
                    if (!code.equals("internal_error")) {
                        problems.add(deviceId + " " + s.reference + " refused: " + result);
                        pending.remove(s);
                    }
                }
            }
            if (committed) {
                acknowledged.addAndGet(sales.size());
                long measureFrom = faultAt;
                if (measureFrom != 0 && started > measureFrom) {
                    firstCommitAfterFault.compareAndSet(0, System.nanoTime());
                }
            }
        }
    }

    // ------------------------------------------------------------------ one run

    private final Config config;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<Fault, AtomicInteger> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final Map<String, Integer> rejoins = new ConcurrentHashMap<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> failovers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicInteger doubledSeen = new AtomicInteger();
    private final AtomicLong firstCommitAfterFault = new AtomicLong();
    private final Set<String> idle = ConcurrentHashMap.newKeySet();
    private volatile long faultAt;
    private volatile boolean stop;
    private volatile boolean selling = true;
    private String base;
    private LocalCluster cluster;
    private final List<ClusterApp> apps = new ArrayList<>();

    private ClusterSoak(Config config) {
        this.config = config;
        for (Fault f : Fault.values()) {
            faults.put(f, new AtomicInteger());
        }
    }

    public static Report run(Config config) throws Exception {
        return new ClusterSoak(config).runAll();
    }

    private void count(String answer) {
        statuses.computeIfAbsent(answer, k -> new AtomicInteger()).incrementAndGet();
    }

    private Report runAll() throws Exception {
        Instant started = Instant.now();
        Path work = config.workDir().toAbsolutePath();
        try (LocalCluster c = LocalCluster.startForApps(work.resolve("cluster"), config.portBase())) {
            cluster = c;
            base = c.httpUrl();
            try {
                for (int n = 1; n <= 2; n++) {
                    // one after the other: the first creates the schema (Liquibase, on the writer) and the demo data
                    ClusterApp app = new ClusterApp("app" + n, c.appPort(n), work.resolve("apps"), appEnvironment(c));
                    apps.add(app);
                    app.start();
                    app.awaitReady(http);
                }
                awaitHttp(); // HAProxy has seen a node up
                return soak(started);
            } finally {
                for (ClusterApp app : apps) {
                    app.close();
                }
            }
        }
    }

    static Map<String, String> appEnvironment(LocalCluster c) {
        Map<String, String> env = new LinkedHashMap<>();
        // what up.sh sets too: a read waits for every commit made before it, also right after a failover
        env.put("SPRING_DATASOURCE_URL", c.writerUrl() + "?sessionVariables=wsrep_sync_wait=1");
        env.put("SPRING_DATASOURCE_USERNAME", LocalCluster.USER);
        env.put("SPRING_DATASOURCE_PASSWORD", LocalCluster.PASSWORD);
        env.put("TILLSYNC_DEMO_DATA", "true");
        env.put("TILLSYNC_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("TILLSYNC_DB_POOL_SIZE", "6");
        env.put("SERVER_FORWARD_HEADERS_STRATEGY", "native");
        return env;
    }

    private void awaitHttp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (Exception e) {
                // not yet
            }
            sleep(250);
        }
        throw new IllegalStateException("HAProxy sends no traffic to the app nodes");
    }

    private Connection db() throws Exception {
        Connection c = DriverManager.getConnection(cluster.writerUrl(), LocalCluster.USER, LocalCluster.PASSWORD);
        c.createStatement().execute("SET SESSION wsrep_sync_wait=1");
        return c;
    }

    private Report soak(Instant started) throws Exception {
        try (Connection c = db()) {
            c.createStatement().executeUpdate("UPDATE stock_levels SET quantity = " + PLENTY.toPlainString());
            c.createStatement().executeUpdate("UPDATE stock_levels s JOIN branches b ON b.id = s.branch_id SET s.quantity = "
                    + config.scarceStock() + " WHERE (b.code = '" + ALLOWING + "' AND s.product_id = " + SCARCE_ALLOWING + ") OR (b.code = '"
                    + FORBIDDING + "' AND s.product_id = " + SCARCE_FORBIDDING + ")");
        }
        Map<String, BigDecimal> stockBefore = stock();
        Random random = new Random(config.seed());
        List<Till> tills = new ArrayList<>();
        for (int i = 0; i < config.tills(); i++) {
            String branch = i % 2 == 0 ? ALLOWING : FORBIDDING;
            String id = "CS" + i + "-" + Long.toHexString(random.nextLong() & 0xffffffL).toUpperCase();
            tills.add(new Till(id, branch, enroll(id, branch), random.nextLong()));
        }
        List<Thread> threads = tills.stream().map(t -> Thread.ofPlatform().name(t.deviceId).start(t)).toList();

        List<Fault> rotation = List.of(Fault.WRITER_KILLED, Fault.APP_KILLED, Fault.BACKUP_KILLED, Fault.WRITER_CUT_OFF);
        for (int f = 0; f < config.faults(); f++) {
            long at = (long) config.sales() * (f + 1) / (config.faults() + 1);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
            while (acknowledged.get() < at && Instant.now().isBefore(deadline)) {
                sleep(20);
            }
            sleep(random.nextInt(300));
            inject(rotation.get(f % rotation.size()), f / rotation.size(), random);
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        while (acknowledged.get() < config.sales() && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        selling = false;
        Instant drainUntil = Instant.now().plus(Duration.ofMinutes(3));
        while (idle.size() < tills.size() && Instant.now().isBefore(drainUntil)) {
            sleep(100);
        }
        stop = true;
        for (Thread t : threads) {
            t.join(60_000);
        }
        return verify(tills, stockBefore, started);
    }

    private void inject(Fault fault, int round, Random random) throws Exception {
        switch (fault) {
            case WRITER_KILLED -> {
                // db1 is the writer whenever it is up: HAProxy moves the writes back to it when it rejoins
                measureFailover(() -> cluster.kill("db1"));
                sleep(1_000 + random.nextInt(3_000));
                rejoin("db1");
            }
            case BACKUP_KILLED -> {
                String node = round % 2 == 0 ? "db3" : "db2";
                cluster.kill(node);
                faults.get(fault).incrementAndGet();
                sleep(1_000 + random.nextInt(3_000));
                rejoin(node);
                return;
            }
            case WRITER_CUT_OFF -> {
                // the writer leaves the primary component but keeps its connections: ERROR 1047 until HAProxy moves on
                measureFailover(() -> cluster.sqlAsRoot("db1", "SET GLOBAL wsrep_provider_options = 'gmcast.isolate=1'"));
                sleep(4_000 + random.nextInt(2_000));
                cluster.sqlAsRoot("db1", "SET GLOBAL wsrep_provider_options = 'gmcast.isolate=0'");
                long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (!cluster.state("db1").equals("Synced Primary") && System.nanoTime() < until) {
                    sleep(250);
                }
                sleep(4_000); // HAProxy's rise: the writes move back to db1
            }
            case APP_KILLED -> {
                ClusterApp victim = apps.get(round % apps.size());
                victim.kill();
                faults.get(fault).incrementAndGet();
                sleep(500 + random.nextInt(2_000));
                victim.start();
                victim.awaitReady(http);
                sleep(3_000); // HAProxy's rise
                return;
            }
        }
        faults.get(fault).incrementAndGet();
    }

    interface Action {
        void run() throws Exception;
    }

    /** Does the fault and measures from it to the first commit of a batch a till sent after it. */
    private void measureFailover(Action fault) throws Exception {
        firstCommitAfterFault.set(0);
        fault.run();
        long at = System.nanoTime();
        faultAt = at;
        long until = at + Duration.ofMinutes(2).toNanos();
        while (firstCommitAfterFault.get() == 0 && System.nanoTime() < until) {
            sleep(10);
        }
        long first = firstCommitAfterFault.get();
        faultAt = 0;
        if (first == 0) {
            problems.add("no commit within 2 minutes of a failover");
        } else {
            failovers.add((first - at) / 1_000_000);
        }
    }

    /** Restarts a killed node and reads from its log how it caught up: IST (what it missed) or SST (a full copy). */
    private void rejoin(String node) throws Exception {
        long before = Files.size(cluster.errorLog(node));
        cluster.restart(node);
        String log;
        try (var in = Files.newInputStream(cluster.errorLog(node))) {
            in.skipNBytes(before);
            log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String how = log.contains("IST received") ? "IST" : log.contains("SST received") || log.contains("SST succeeded") ? "SST" : "unknown";
        rejoins.merge(how, 1, Integer::sum);
        if (!how.equals("IST")) {
            problems.add(node + " rejoined by " + how + "; see " + cluster.errorLog(node));
        }
        sleep(4_000); // HAProxy's rise
    }

    private String enroll(String deviceId, String branch) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/devices"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"device_id\":\"" + deviceId + "\",\"branch_code\":\"" + branch + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("enroll failed: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("data").path("token").asString();
    }

    /** Stock of the soak's products, keyed "branch code/product id". */
    private Map<String, BigDecimal> stock() throws Exception {
        Map<String, BigDecimal> stock = new HashMap<>();
        try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery("SELECT b.code, s.product_id, s.quantity FROM stock_levels s "
                + "JOIN branches b ON b.id = s.branch_id WHERE s.product_id BETWEEN 1238 AND 1249")) {
            while (rs.next()) {
                stock.put(rs.getString(1) + "/" + rs.getLong(2), rs.getBigDecimal(3));
            }
        }
        return stock;
    }

    private Report verify(List<Till> tills, Map<String, BigDecimal> stockBefore, Instant started) throws Exception {
        record Row(long id, Map<Long, Integer> lines) {
        }
        Map<String, Row> booked = new HashMap<>();
        Map<String, Integer> copies = new HashMap<>();
        Map<String, String> conflicts = new HashMap<>();
        try (Connection c = db()) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT t.offline_id, t.id, i.product_id, i.quantity FROM transactions t "
                    + "JOIN transaction_items i ON i.transaction_id = t.id WHERE t.device_id LIKE 'CS%'")) {
                while (rs.next()) {
                    long id = rs.getLong(2);
                    Row row = booked.computeIfAbsent(rs.getString(1), k -> new Row(id, new TreeMap<>()));
                    if (row.id() != id) {
                        copies.merge(rs.getString(1), 1, Integer::sum);
                    }
                    row.lines().merge(rs.getLong(3), rs.getBigDecimal(4).intValueExact(), Integer::sum);
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT offline_id, conflict_id, status FROM offline_conflicts "
                    + "WHERE device_id LIKE 'CS%' AND booked_id IS NULL")) {
                while (rs.next()) {
                    conflicts.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        long sold = 0;
        long bookedCount = 0;
        long open = 0;
        long settled = 0;
        long lost = 0;
        long doubled = copies.size() + doubledSeen.get();
        long unacknowledged = 0;
        Map<String, BigDecimal> expected = new HashMap<>(stockBefore);
        Set<String> known = new java.util.HashSet<>();
        for (Till t : tills) {
            for (Sale s : t.ledger) {
                sold++;
                known.add(s.offlineId);
                Row row = booked.get(s.offlineId);
                if (!s.answered()) {
                    unacknowledged++;
                    problems.add("never answered: " + s.reference);
                } else if (s.serverId != null) {
                    bookedCount++;
                    settled += s.settled ? 1 : 0;
                    if (row == null) {
                        lost++;
                        problems.add("acknowledged but not stored: " + s.reference);
                    } else if (row.id() != s.serverId || conflicts.containsKey(s.offlineId)) {
                        doubled++;
                        problems.add(s.reference + " acknowledged as " + s.serverId + ", stored as " + row.id());
                    } else if (!row.lines().equals(s.quantities)) {
                        lost++;
                        problems.add(s.reference + " lines " + row.lines() + " but sold " + s.quantities);
                    }
                } else {
                    open++;
                    if (!s.conflictId.equals(conflicts.get(s.offlineId))) {
                        lost++;
                        problems.add(s.reference + " answered as conflict " + s.conflictId + ", stored " + conflicts.get(s.offlineId));
                    }
                    if (row != null) {
                        doubled++;
                        problems.add(s.reference + " answered as a conflict but booked as " + row.id());
                    }
                }
                if (row != null) {
                    s.quantities.forEach((p, q) -> expected.merge(s.branch + "/" + p, BigDecimal.valueOf(-q), BigDecimal::add));
                }
            }
        }
        for (String offlineId : booked.keySet()) {
            if (!known.contains(offlineId)) {
                doubled++;
                problems.add("stored sale no till sold: " + offlineId);
            }
        }
        long stockMismatches = 0;
        Map<String, BigDecimal> after = stock();
        for (var e : expected.entrySet()) {
            BigDecimal now = after.getOrDefault(e.getKey(), BigDecimal.ZERO);
            if (now.compareTo(e.getValue()) != 0 || e.getKey().startsWith(FORBIDDING) && now.signum() < 0) {
                stockMismatches++;
                problems.add("stock " + e.getKey() + " is " + now + ", ledgers say " + e.getValue());
            }
        }
        long nodesDiffering = nodesDiffering();
        Map<Fault, Integer> byKind = new LinkedHashMap<>();
        faults.forEach((k, v) -> byKind.put(k, v.get()));
        Map<String, Integer> answers = new TreeMap<>();
        statuses.forEach((k, v) -> answers.put(k, v.get()));
        Report report = new Report(sold, bookedCount, open, settled, byKind, lost, doubled, unacknowledged, stockMismatches, nodesDiffering,
                List.copyOf(failovers), Map.copyOf(rejoins), answers, requests.get(), Duration.between(started, Instant.now()));
        System.out.println("\nCluster soak: " + report);
        synchronized (problems) {
            problems.stream().limit(20).forEach(p -> System.out.println("  PROBLEM " + p));
        }
        return report;
    }

    /** Every node holds the same sales, conflicts and stock: replication left none behind. */
    private long nodesDiffering() throws Exception {
        String probe = "SELECT (SELECT COUNT(*) FROM transactions WHERE device_id LIKE 'CS%'), "
                + "(SELECT COUNT(*) FROM offline_conflicts WHERE device_id LIKE 'CS%'), (SELECT SUM(quantity) FROM stock_levels)";
        List<String> seen = new ArrayList<>();
        for (String node : List.of("db1", "db2", "db3")) {
            try (Connection c = DriverManager.getConnection(cluster.nodeUrl(node), LocalCluster.USER, LocalCluster.PASSWORD)) {
                c.createStatement().execute("SET SESSION wsrep_sync_wait=1");
                try (ResultSet rs = c.createStatement().executeQuery(probe)) {
                    rs.next();
                    seen.add(rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getBigDecimal(3).toPlainString());
                }
            }
        }
        System.out.println("Cluster soak: sales/conflicts/stock on db1, db2, db3: " + seen);
        return seen.stream().distinct().count() - 1;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        // one argument per word: exec:exec passes -Dbench.args as one
        for (String arg : String.join(" ", args).trim().split("\\s+")) {
            if (arg.isEmpty()) {
                continue;
            }
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        Config config = new Config(Integer.parseInt(a.getOrDefault("sales", "50000")), Integer.parseInt(a.getOrDefault("faults", "20")),
                Integer.parseInt(a.getOrDefault("tills", "8")), Path.of(a.getOrDefault("work", "target/cluster-soak")),
                Integer.parseInt(a.getOrDefault("port-base", "26000")), Long.parseLong(a.getOrDefault("seed", "1")),
                Integer.parseInt(a.getOrDefault("scarce-stock", "300")));
        Report report = run(config);
        System.exit(report.clean() ? 0 : 1);
    }
}
