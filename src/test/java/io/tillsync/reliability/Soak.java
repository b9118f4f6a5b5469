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
import java.util.Set;
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
 * its embedded database killed and restarted on its own data folder. Conflicts are in the mix
 * ({@link ConflictMix}): stock runs out in a branch that allows selling below zero and in one that
 * forbids it, some sales carry bad totals or unknown products, and a manager per branch resolves
 * open conflicts while the tills sell. At the end the database must equal the ledgers and the
 * manager's decisions exactly ({@link SoakLedger}).
 *
 * <pre>java -cp ... io.tillsync.reliability.Soak --sales=100000 --faults=50 [--devices=8] [--jar=target/tillsync-1.0.0-SNAPSHOT.jar]</pre>
 */
public final class Soak {

    static final String ADMIN_PASSWORD = "Kopi-Susu-Gula-Aren-2025";
    /** Allows selling below zero: a sale of a product that ran out is booked and its conflict settled by policy. */
    static final String BRANCH = "BRN-MST-OSK00001";
    /** Forbids it: such a sale waits, as an open conflict, for the manager. */
    static final String FORBIDS = "BRN-MST-OSK00002";
    static final long[][] CATALOG = {{1238, 15000}, {1239, 8000}, {1240, 5000}, {1241, 18000}, {1242, 32000}, {1243, 27000},
            {1244, 12000}, {1245, 10000}, {1246, 7500}, {1247, 10000}, {1248, 22000}, {1249, 35000}};
    /** Products whose stock runs out during a phase, per branch; the others have plenty. */
    static final Set<Long> RUN_OUT_IN_ALLOWS = Set.of(1247L, 1248L, 1249L);
    static final long SOLD_OUT_IN_FORBIDS = 1249;
    /** Not in the catalog: a sale with it waits for a manager, who can only merge it without that line or reject it. */
    static final long UNKNOWN_PRODUCT = 99999;
    static final BigDecimal START_STOCK = new BigDecimal("100000000");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public enum Fault { APP_KILLED, DB_KILLED, RESPONSE_LOST, SAME_BATCH_TWO_NODES, RECONNECT_STORM, EMBEDDED_APP_KILLED, RESOLVE_ANSWER_LOST }

    /** What a sale was made to be; a PLAIN sale of a product that runs out becomes LIMITED. */
    enum Kind { PLAIN, LIMITED, BAD_TOTAL, UNKNOWN }

    /**
     * Which conflicts a run mixes in: the share of sales with a grand total that does not add up
     * and with an unknown product (both wait for a manager), when in a phase (share of its sales)
     * the stock of some products runs out (0: never, every product has 100,000,000), and the share
     * of open conflicts the manager resolves while the tills sell.
     */
    public record ConflictMix(double badTotals, double unknownProducts, double stockRunsOutAt, double resolved) {
        public static final ConflictMix NONE = new ConflictMix(0, 0, 0, 0);
        public static final ConflictMix STANDARD = new ConflictMix(0.015, 0.01, 0.4, 0.8);
    }

    /** What a run is asked to do. */
    public record Config(int sales, int faults, int devices, int embeddedSales, int embeddedKills, String jar, Path workDir, long seed,
                         ConflictMix mix) {
        public Config(int sales, int faults, int devices, int embeddedSales, int embeddedKills, String jar, Path workDir, long seed) {
            this(sales, faults, devices, embeddedSales, embeddedKills, jar, workDir, seed, ConflictMix.STANDARD);
        }
    }

    /**
     * The conflicts of a run: sales with one, settled by the branch's policy at once, resolved
     * through the API by strategy (booked or rejected), refusals that had to come (keep_local of an
     * unknown product, a second resolve), left open, and what the resolve requests were answered.
     */
    public record ConflictFigures(long conflictedSales, long settledByPolicy, Map<String, Long> resolvedBy, long rejected, long leftOpen,
                                  long refusalsAsExpected, Map<String, Integer> resolveAnswers) {

        double share(long sales) {
            return sales == 0 ? 0 : 100.0 * conflictedSales / sales;
        }
    }

    /**
     * What a run found. {@code sales} counts every sale the tills had answered (booked, or stored
     * as a conflict); {@code conflicts} counts the conflicts the ledgers do not account for (a
     * conflict where none may be, a second one, one whose state is not what was decided): zero
     * when clean. {@code itemErrors} counts items answered with an error and sent again.
     */
    public record Report(long sales, long voids, Map<Fault, Integer> faults, long lost, long doubled, long unacknowledged,
                         long stockMismatches, long conflicts, long lineMismatches, long requests, Map<String, Integer> answers,
                         Duration took, ConflictFigures conflicted, Map<String, Integer> itemErrors) {

        boolean clean() {
            return lost == 0 && doubled == 0 && unacknowledged == 0 && stockMismatches == 0 && conflicts == 0 && lineMismatches == 0;
        }

        @Override
        public String toString() {
            return String.format("sales %d, voids %d, requests %d, faults %s (%d), lost %d, doubled %d, unacknowledged %d, "
                            + "stock mismatches %d, line mismatches %d, conflicts unaccounted for %d, took %d s; conflicted sales %d "
                            + "(%.1f%%): settled by policy %d, resolved %s, rejected %d, left open %d, refusals as expected %d, "
                            + "resolve answers %s; item errors %s", sales, voids, requests, faults,
                    faults.values().stream().mapToInt(Integer::intValue).sum(), lost, doubled, unacknowledged, stockMismatches,
                    lineMismatches, conflicts, took.toSeconds(), conflicted.conflictedSales(), conflicted.share(sales),
                    conflicted.settledByPolicy(), conflicted.resolvedBy(), conflicted.rejected(), conflicted.leftOpen(),
                    conflicted.refusalsAsExpected(), conflicted.resolveAnswers(), itemErrors);
        }
    }

    // ------------------------------------------------------------------ the tills and their ledgers

    /** One sale as the till remembers it, and what the manager decided if it waited for one. */
    static final class Sale {
        final String offlineId = UUID.randomUUID().toString();
        final String reference;
        final String branch;
        final Kind kind;
        final ObjectNode doc;
        final Map<Long, Integer> quantities = new TreeMap<>();
        /** The sale's booked id as its till knows it: from its answer, or from the resolution that booked it. */
        volatile Long serverId;
        volatile String conflictId;
        volatile boolean answered;
        volatile SoakResolver.Decision decision;
        volatile String voidOfflineId;
        volatile ObjectNode voidDoc;
        volatile boolean voidAcked;

        Sale(String deviceId, String branch, Set<Long> runsOut, int seq, Random random, ConflictMix mix) {
            this.branch = branch;
            reference = deviceId + "-" + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "") + "-" + String.format("%06d", seq);
            double pick = random.nextDouble();
            Kind made = pick < mix.badTotals() ? Kind.BAD_TOTAL : pick < mix.badTotals() + mix.unknownProducts() ? Kind.UNKNOWN : Kind.PLAIN;
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
            boolean limited = false;
            int lines = made == Kind.UNKNOWN ? 2 + random.nextInt(2) : 1 + random.nextInt(3);
            for (int i = 0; i < lines; i++) {
                long[] product = CATALOG[random.nextInt(CATALOG.length)];
                if (made != Kind.PLAIN) {
                    // a sale meant to wait for its own reason stays clear of products that run out: one reason each
                    while (runsOut.contains(product[0])) {
                        product = CATALOG[random.nextInt(CATALOG.length)];
                    }
                }
                if (made == Kind.UNKNOWN && i == 0) {
                    product = new long[] {UNKNOWN_PRODUCT, 10000};
                }
                limited |= runsOut.contains(product[0]);
                int qty = 1 + random.nextInt(3);
                ObjectNode line = items.addObject();
                line.put("product_id", product[0]);
                line.put("quantity", qty);
                line.put("unit_price", product[1]);
                line.put("subtotal", qty * product[1]);
                quantities.merge(product[0], qty, Integer::sum);
                subtotal += qty * product[1];
            }
            kind = made == Kind.PLAIN && limited ? Kind.LIMITED : made;
            doc.put("subtotal", subtotal);
            doc.put("discount_total", 0);
            doc.put("tax_total", subtotal / 10);
            doc.put("grand_total", subtotal + subtotal / 10 + (made == Kind.BAD_TOTAL ? 1 : 0));
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
        final String branch;
        final Set<Long> runsOut;
        final SoakResolver manager;
        final Random random;
        final List<Sale> ledger = new ArrayList<>();
        final List<Sale> pendingSales = new ArrayList<>();
        final List<Sale> pendingVoids = new ArrayList<>();
        int seq;
        volatile boolean loseNextResponse;
        volatile boolean sendToBothNodes;

        Till(String deviceId, String token, String branch, Set<Long> runsOut, SoakResolver manager, long seed) {
            this.deviceId = deviceId;
            this.token = token;
            this.branch = branch;
            this.runsOut = runsOut;
            this.manager = manager;
            this.random = new Random(seed);
        }

        @Override
        public void run() {
            while (!stop) {
                if (selling) {
                    for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                        Sale s = new Sale(deviceId, branch, runsOut, ++seq, random, config.mix());
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
                boolean success = result.path("success").asBoolean(false);
                if (result.path("conflict_detected").asBoolean(false)) {
                    String conflictId = result.path("conflict_id").asString("");
                    if (s.conflictId == null) {
                        s.conflictId = conflictId;
                        if (!success) {
                            manager.offer(s);
                        }
                    } else if (!s.conflictId.equals(conflictId)) {
                        conflictsSeen.incrementAndGet();
                        problems.add(deviceId + " " + s.reference + " got conflict " + s.conflictId + " and " + conflictId);
                    }
                } else if (!success && result.has("error")) {
                    itemErrors.computeIfAbsent(result.path("error").path("code").asString("?"), k -> new AtomicInteger()).incrementAndGet();
                }
                if (success) {
                    long id = result.path("server_id").asLong();
                    if (s.serverId == null) {
                        s.serverId = id;
                    } else if (s.serverId != id) {
                        doubledSeen.incrementAndGet();
                        problems.add(deviceId + " " + s.reference + " acknowledged as " + s.serverId + " and as " + id);
                    }
                }
                // booked, or stored as a conflict the manager sees: either way the till is done sending it
                if (success || s.conflictId != null) {
                    if (!s.answered) {
                        s.answered = true;
                        acknowledged.incrementAndGet();
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
    private final Map<String, AtomicInteger> itemErrors = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> resolveAnswers = new ConcurrentHashMap<>();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger doubledSeen = new AtomicInteger();
    private final AtomicInteger conflictsSeen = new AtomicInteger();
    private final java.util.Set<String> idle = ConcurrentHashMap.newKeySet();
    private volatile boolean stop;
    private volatile boolean selling = true;
    private volatile boolean offline;
    private volatile List<AppNode> nodes = List.of();
    private volatile LossyProxy proxy;
    private List<SoakResolver> managers = List.of();
    private long lineMismatches;
    /** {conflicted sales, settled by policy, rejected, left open, refusals as expected} over the phases. */
    private final long[] conflictTotals = new long[5];
    private final Map<String, Long> resolvedBy = new TreeMap<>();

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
        ConflictFigures figures = new ConflictFigures(conflictTotals[0], conflictTotals[1], Map.copyOf(resolvedBy), conflictTotals[2],
                conflictTotals[3], conflictTotals[4], counts(resolveAnswers));
        Report report = new Report(totals[0], totals[1], byKind, totals[2], totals[3] + doubledSeen.get(), totals[4], totals[5],
                totals[6] + conflictsSeen.get(), lineMismatches, requests.get(), counts(statuses), Duration.between(started, Instant.now()),
                figures, counts(itemErrors));
        System.out.println("\nSoak: " + report + "\n  answers: " + report.answers());
        synchronized (problems) {
            problems.stream().limit(20).forEach(p -> System.out.println("  PROBLEM " + p));
        }
        return report;
    }

    private static Map<String, Integer> counts(Map<String, AtomicInteger> counters) {
        Map<String, Integer> counts = new TreeMap<>();
        counters.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    private static void add(long[] into, long[] more) {
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
    }

    /**
     * Sets the phase's stock: plenty of everything, but where the mix says so, the products that
     * run out hold about what the branch sells of them in the first {@code stockRunsOutAt} of the
     * phase (a sale has 2 lines of 12 products, 2 each, on average; half the tills are the branch's).
     */
    private void stockUp(String jdbcUrl, int sales) throws Exception {
        long low = Math.max(5, Math.round(sales * (4.0 / 12) * 0.5 * config.mix().stockRunsOutAt()));
        String sql = "UPDATE stock_levels s JOIN branches b ON b.id = s.branch_id SET s.quantity = " + START_STOCK.toPlainString();
        if (config.mix().stockRunsOutAt() > 0) {
            String allows = RUN_OUT_IN_ALLOWS.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
            sql = "UPDATE stock_levels s JOIN branches b ON b.id = s.branch_id SET s.quantity = CASE"
                    + " WHEN b.code = '" + BRANCH + "' AND s.product_id IN (" + allows + ") THEN " + low
                    + " WHEN b.code = '" + FORBIDS + "' AND s.product_id = " + SOLD_OUT_IN_FORBIDS + " THEN " + low
                    + " ELSE " + START_STOCK.toPlainString() + " END";
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, "root", "")) {
            c.createStatement().executeUpdate(sql);
        }
    }

    /** Runs tills against the current nodes until `sales` are answered, injecting `faultCount` faults, then checks the database. */
    private long[] phase(String name, String jdbcUrl, int sales, int faultCount, int deviceCount, MariaDb db, boolean embedded)
            throws Exception {
        stockUp(jdbcUrl, sales);
        Map<String, BigDecimal> stockBefore = stock(jdbcUrl);
        acknowledged.set(0);
        selling = true;
        stop = false;
        idle.clear();
        Random random = new Random(config.seed() + name.hashCode());
        String tag = name.substring(0, 1).toUpperCase();
        List<String> branches = List.of(BRANCH, FORBIDS);
        List<SoakResolver> resolvers = new ArrayList<>();
        for (String branch : branches) {
            String id = "SKR" + tag + resolvers.size() + "-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            resolvers.add(new SoakResolver(enroll(nodes.getFirst(), id, branch), http, () -> nodes, () -> proxy, config.mix().resolved(),
                    random.nextLong(), () -> fault(Fault.RESOLVE_ANSWER_LOST), problems::add, resolveAnswers));
        }
        managers = resolvers;
        boolean runsOut = config.mix().stockRunsOutAt() > 0;
        List<Till> tills = new ArrayList<>();
        for (int i = 0; i < deviceCount; i++) {
            String id = "SK" + tag + i + "-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            String branch = branches.get(i % 2);
            Set<Long> limited = !runsOut ? Set.of() : branch.equals(BRANCH) ? RUN_OUT_IN_ALLOWS : Set.of(SOLD_OUT_IN_FORBIDS);
            tills.add(new Till(id, enroll(nodes.getFirst(), id, branch), branch, limited, resolvers.get(i % 2), random.nextLong()));
        }
        List<Thread> threads = new ArrayList<>(tills.stream().map(t -> Thread.ofPlatform().name(t.deviceId).start(t)).toList());
        List<Thread> managerThreads = resolvers.stream().map(r -> Thread.ofPlatform().name("manager").start(r)).toList();

        boolean resolving = config.mix().resolved() > 0;
        List<Fault> rotation = embedded ? List.of(Fault.EMBEDDED_APP_KILLED)
                : List.of(Fault.APP_KILLED, Fault.RESPONSE_LOST, Fault.DB_KILLED, Fault.SAME_BATCH_TWO_NODES, Fault.RECONNECT_STORM,
                resolving ? Fault.RESOLVE_ANSWER_LOST : Fault.RESPONSE_LOST, Fault.SAME_BATCH_TWO_NODES);
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
        // drain: no new sales, every till sends until its queue is empty, the manager works through what is left
        selling = false;
        Instant drainUntil = Instant.now().plus(Duration.ofMinutes(3));
        while (idle.size() < tills.size() && Instant.now().isBefore(drainUntil)) {
            SoakProcesses.sleep(100);
        }
        stop = true;
        for (Thread t : threads) {
            t.join(60_000);
        }
        resolvers.forEach(SoakResolver::finish);
        for (Thread t : managerThreads) {
            t.join(600_000);
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
            case RESOLVE_ANSWER_LOST -> {
                // the manager's next resolve commits but its answer is lost: the retry must find it resolved once
                managers.get(random.nextInt(managers.size())).loseNextAnswer = true;
            }
        }
    }

    private String enroll(AppNode node, String deviceId, String branch) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/admin/devices"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"device_id\":\"" + deviceId + "\",\"branch_code\":\"" + branch + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("enroll failed: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("data").path("token").asString();
    }

    /** Stock of both branches, keyed "branch/product". */
    private static Map<String, BigDecimal> stock(String jdbcUrl) throws Exception {
        Map<String, BigDecimal> stock = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "root", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT b.code, s.product_id, s.quantity FROM stock_levels s "
                     + "JOIN branches b ON b.id = s.branch_id WHERE b.code IN ('" + BRANCH + "', '" + FORBIDS + "')")) {
            while (rs.next()) {
                stock.put(rs.getString(1) + "/" + rs.getLong(2), rs.getBigDecimal(3));
            }
        }
        return stock;
    }

    /** The database against the ledgers: {sales, voids, lost, doubled, unacknowledged, stock mismatches, conflicts unaccounted for}. */
    private long[] verify(String phase, String jdbcUrl, List<Till> tills, Map<String, BigDecimal> stockBefore) throws Exception {
        SoakLedger ledger = new SoakLedger(phase, problems);
        ledger.load(jdbcUrl);
        long[] result = ledger.check(tills.stream().flatMap(t -> t.ledger.stream()).toList(), stockBefore, stock(jdbcUrl));
        lineMismatches += ledger.lineMismatches;
        conflictTotals[0] += ledger.conflictedSales;
        conflictTotals[1] += ledger.settledByPolicy;
        conflictTotals[2] += ledger.rejected;
        conflictTotals[3] += ledger.leftOpen;
        conflictTotals[4] += ledger.refusals;
        ledger.resolvedBy.forEach((k, v) -> resolvedBy.merge(k, v, Long::sum));
        System.out.printf("Soak phase %s: %d sales answered to %d tills (%d conflicted: %d settled by policy, resolved %s, %d rejected, "
                        + "%d left open), %d voids; lost %d, doubled %d, unacknowledged %d, stock mismatches %d, conflicts unaccounted for %d%n",
                phase, result[0], tills.size(), ledger.conflictedSales, ledger.settledByPolicy, ledger.resolvedBy, ledger.rejected,
                ledger.leftOpen, result[1], result[2], result[3], result[4], result[5], result[6]);
        return result;
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
        ConflictMix std = ConflictMix.STANDARD;
        ConflictMix mix = a.containsKey("no-conflicts") ? ConflictMix.NONE : new ConflictMix(
                Double.parseDouble(a.getOrDefault("bad-totals", Double.toString(std.badTotals()))),
                Double.parseDouble(a.getOrDefault("unknown-products", Double.toString(std.unknownProducts()))),
                Double.parseDouble(a.getOrDefault("stock-runs-out-at", Double.toString(std.stockRunsOutAt()))),
                Double.parseDouble(a.getOrDefault("resolved", Double.toString(std.resolved()))));
        Config config = new Config(Integer.parseInt(a.getOrDefault("sales", "100000")), faultsWanted,
                Integer.parseInt(a.getOrDefault("devices", "8")), Integer.parseInt(a.getOrDefault("embedded-sales", "5000")),
                Integer.parseInt(a.getOrDefault("embedded-kills", "3")), a.get("jar"),
                Path.of(a.getOrDefault("work", "target/soak")), Long.parseLong(a.getOrDefault("seed", "1")), mix);
        Report report = run(config);
        System.exit(report.clean() ? 0 : 1);
    }
}
