package io.tillsync.reliability;

import io.tillsync.reliability.SoakProcesses.AppNode;
import io.tillsync.reliability.SoakProcesses.LossyProxy;
import io.tillsync.reliability.SoakProcesses.MariaDb;
import io.tillsync.support.soak.FaultCount;
import io.tillsync.support.soak.Pause;
import io.tillsync.support.soak.SoakFleet;
import io.tillsync.support.soak.SoakLedger;
import io.tillsync.support.soak.SoakOptions;
import io.tillsync.support.soak.SoakShop;
import io.tillsync.support.soak.SoakTill;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault and load soak. Simulated tills ({@link SoakTill}) sell, keep a ledger of what they sold and
 * what the server acknowledged, and sync against two Tillsync nodes sharing one MariaDB server while
 * faults are injected at random moments: nodes killed with SIGKILL and restarted, the database
 * killed and restarted, responses lost after the server committed, the same batch sent to both
 * nodes at once, every till reconnecting at the same moment after an outage; then, in a second
 * phase, a node on its embedded database killed and restarted on its own data folder. Conflicts
 * are in the mix ({@link ConflictMix}): stock runs out in a branch that allows selling below zero
 * and in one that forbids it, some sales carry bad totals or unknown products, and a manager per
 * branch resolves open conflicts while the tills sell. At the end the database must equal the
 * ledgers and the manager's decisions exactly ({@link SoakLedger}).
 *
 * <pre>java -cp ... io.tillsync.reliability.Soak --sales=100000 --faults=50 [--devices=8] [--jar=target/tillsync-1.0.0-SNAPSHOT.jar]</pre>
 */
public final class Soak {

    /** Products whose stock runs out during a phase, per branch; the others have plenty. */
    static final Set<Long> RUN_OUT_IN_ALLOWS = Set.of(1247L, 1248L, 1249L);
    static final long SOLD_OUT_IN_FORBIDS = 1249;

    public enum Fault { APP_KILLED, DB_KILLED, RESPONSE_LOST, SAME_BATCH_TWO_NODES, RECONNECT_STORM, EMBEDDED_APP_KILLED, RESOLVE_ANSWER_LOST }

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

    // ------------------------------------------------------------------ one run

    private final Config config;
    private final SoakFleet fleet;
    private final FaultCount<Fault> faults = new FaultCount<>(Fault.class);
    private final Map<String, AtomicInteger> resolveAnswers = new ConcurrentHashMap<>();
    private volatile List<AppNode> nodes = List.of();
    private volatile LossyProxy proxy;
    private List<SoakResolver> managers = List.of();

    private Soak(Config config) {
        this.config = config;
        ConflictMix mix = config.mix();
        // tills that void now and then and send again at once, whatever Retry-After says
        this.fleet = new SoakFleet(this::route, new SoakFleet.Habits(true, mix.badTotals(), mix.unknownProducts(), false));
    }

    public static Report run(Config config) throws Exception {
        return new Soak(config).runAll();
    }

    /**
     * Where a till's batch goes: to a node that is up, at random, unless the run aimed a fault at
     * the till: its answer dropped after the commit (nothing comes back), or the batch sent to
     * both nodes at the same instant (both answers come back).
     */
    private List<HttpResponse<String>> route(SoakTill till, byte[] body) {
        LossyProxy lossy = proxy;
        if (till.loseNextResponse && lossy != null) {
            till.loseNextResponse = false;
            int before = lossy.dropped.get();
            till.send(body, "http://127.0.0.1:" + lossy.port());
            if (lossy.dropped.get() > before) {
                faults.add(Fault.RESPONSE_LOST);
            }
            return List.of();
        }
        List<AppNode> all = nodes;
        if (till.sendToBothNodes && all.size() > 1 && all.stream().allMatch(n -> n.up)) {
            till.sendToBothNodes = false;
            CountDownLatch go = new CountDownLatch(1);
            List<HttpResponse<String>> answers = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (AppNode node : all) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                        answers.addAll(till.send(body, node.base()));
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
            faults.add(Fault.SAME_BATCH_TWO_NODES);
            return answers;
        }
        return till.send(body, AppNode.pick(all, till.random()).base());
    }

    private Report runAll() throws Exception {
        Instant started = Instant.now();
        Path work = config.workDir().toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        SoakLedger.Figures totals = SoakLedger.Figures.NONE;
        try (MariaDb db = new MariaDb(work.resolve("mariadb"))) {
            db.install();
            db.start();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SPRING_DATASOURCE_URL", db.url());
            env.put("SPRING_DATASOURCE_USERNAME", "root");
            env.put("SPRING_DATASOURCE_PASSWORD", "");
            env.put("TILLSYNC_DEMO_DATA", "true");
            env.put("TILLSYNC_ADMIN_PASSWORD", SoakShop.ADMIN_PASSWORD);
            env.put("TILLSYNC_DB_POOL_SIZE", "8");
            AppNode a = new AppNode("node-a", work, env, config.jar());
            AppNode b = new AppNode("node-b", work, env, config.jar());
            try (a; b) {
                // one after the other: the first creates the schema, the admin user and the demo data
                a.start();
                a.awaitReady(fleet.http());
                b.start();
                b.awaitReady(fleet.http());
                nodes = List.of(a, b);
                try (LossyProxy lossy = new LossyProxy(() -> a.up ? a.port : b.port)) {
                    proxy = lossy;
                    totals = totals.plus(phase("external", db.url(), config.sales(), config.faults(), config.devices(), db, false));
                }
            }
        }
        if (config.embeddedSales() > 0) {
            int dbPort = SoakProcesses.freePort();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("TILLSYNC_DATA_DIR", work.resolve("embedded").toString());
            env.put("TILLSYNC_EMBEDDED_DB_PORT", Integer.toString(dbPort));
            env.put("TILLSYNC_ADMIN_PASSWORD", SoakShop.ADMIN_PASSWORD);
            AppNode e = new AppNode("node-embedded", work, env, config.jar());
            try (e) {
                e.start();
                e.awaitReady(fleet.http());
                nodes = List.of(e);
                proxy = null;
                totals = totals.plus(phase("embedded", "jdbc:mariadb://127.0.0.1:" + dbPort + "/tillsync", config.embeddedSales(),
                        config.embeddedKills(), Math.max(2, config.devices() / 2), null, true));
            }
        }
        ConflictFigures figures = new ConflictFigures(totals.conflictedSales(), totals.settledByPolicy(), totals.resolvedBy(),
                totals.rejected(), totals.leftOpen(), totals.refusals(), SoakFleet.counts(resolveAnswers));
        Report report = new Report(totals.sales(), totals.voids(), faults.byKind(), totals.lost(), totals.doubled() + fleet.doubledSeen(),
                totals.unacknowledged(), totals.stockMismatches(), totals.unaccounted() + fleet.conflictsSeen(), totals.lineMismatches(),
                fleet.requests(), fleet.answers(), Duration.between(started, Instant.now()), figures, fleet.itemErrors());
        System.out.println("\nSoak: " + report + "\n  answers: " + report.answers());
        fleet.printProblems();
        return report;
    }

    /**
     * How much stock the products that run out start a phase with: about what the branch sells of
     * them in the first {@code stockRunsOutAt} of the phase (a sale has 2 lines of 12 products, 2
     * each, on average; half the tills are the branch's).
     */
    private long runsOutAfter(int sales) {
        return Math.max(5, Math.round(sales * (4.0 / 12) * 0.5 * config.mix().stockRunsOutAt()));
    }

    /** Runs tills against the current nodes until `sales` are answered, injecting `faultCount` faults, then checks the database. */
    private SoakLedger.Figures phase(String name, String jdbcUrl, int sales, int faultCount, int deviceCount, MariaDb db, boolean embedded)
            throws Exception {
        SoakShop.Database database = () -> DriverManager.getConnection(jdbcUrl, "root", "");
        Map<String, Set<Long>> runOut = config.mix().stockRunsOutAt() > 0
                ? Map.of(SoakShop.ALLOWS, RUN_OUT_IN_ALLOWS, SoakShop.FORBIDS, Set.of(SOLD_OUT_IN_FORBIDS)) : Map.of();
        SoakShop.stockUp(database, runOut, runsOutAfter(sales));
        Map<String, BigDecimal> stockBefore = SoakShop.stock(database);
        Random random = new Random(config.seed() + name.hashCode());
        String tag = name.substring(0, 1).toUpperCase();
        String base = nodes.getFirst().base();
        List<String> branches = List.of(SoakShop.ALLOWS, SoakShop.FORBIDS);
        List<SoakResolver> resolvers = new ArrayList<>();
        for (String branch : branches) {
            String id = "SKR" + tag + resolvers.size() + "-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            resolvers.add(new SoakResolver(SoakShop.enroll(fleet.http(), base, id, branch), fleet.http(), () -> nodes, () -> proxy,
                    config.mix().resolved(), random.nextLong(), () -> faults.add(Fault.RESOLVE_ANSWER_LOST), fleet.problems::add,
                    resolveAnswers));
        }
        managers = resolvers;
        List<SoakTill> tills = new ArrayList<>();
        for (int i = 0; i < deviceCount; i++) {
            String id = "SK" + tag + i + "-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            String branch = branches.get(i % 2);
            tills.add(fleet.enroll(base, id, branch, runOut.getOrDefault(branch, Set.of()), resolvers.get(i % 2)::offer, random.nextLong()));
        }
        List<Thread> managerThreads = resolvers.stream().map(r -> Thread.ofPlatform().name("manager").start(r)).toList();

        boolean resolving = config.mix().resolved() > 0;
        List<Fault> rotation = embedded ? List.of(Fault.EMBEDDED_APP_KILLED)
                : List.of(Fault.APP_KILLED, Fault.RESPONSE_LOST, Fault.DB_KILLED, Fault.SAME_BATCH_TWO_NODES, Fault.RECONNECT_STORM,
                resolving ? Fault.RESOLVE_ANSWER_LOST : Fault.RESPONSE_LOST, Fault.SAME_BATCH_TWO_NODES);
        fleet.sellThrough(tills, sales, faultCount, random, 150, f -> inject(rotation.get(f % rotation.size()), tills, random, db));
        // the tills have drained: the manager works through what is left
        resolvers.forEach(SoakResolver::finish);
        for (Thread t : managerThreads) {
            t.join(600_000);
        }
        return verify(name, database, tills, stockBefore);
    }

    private void inject(Fault fault, List<SoakTill> tills, Random random, MariaDb db) throws Exception {
        switch (fault) {
            case APP_KILLED, EMBEDDED_APP_KILLED -> {
                AppNode victim = nodes.get(random.nextInt(nodes.size()));
                victim.kill();
                faults.add(fault);
                victim.start();
                victim.awaitReady(fleet.http());
            }
            case DB_KILLED -> {
                db.kill();
                faults.add(fault);
                Pause.sleep(500 + random.nextInt(2_000));
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
                fleet.offlineFor(2_000 + random.nextInt(3_000));
                faults.add(fault);
            }
            case RESOLVE_ANSWER_LOST -> {
                // the manager's next resolve commits but its answer is lost: the retry must find it resolved once
                managers.get(random.nextInt(managers.size())).loseNextAnswer = true;
            }
        }
    }

    /** The database against the ledgers and the manager's decisions. */
    private SoakLedger.Figures verify(String phase, SoakShop.Database db, List<SoakTill> tills, Map<String, BigDecimal> stockBefore)
            throws Exception {
        SoakLedger.Figures f = new SoakLedger(phase, "SK", fleet.problems)
                .check(db, tills.stream().flatMap(t -> t.ledger.stream()).toList(), stockBefore);
        System.out.printf("Soak phase %s: %d sales answered to %d tills (%d conflicted: %d settled by policy, resolved %s, %d rejected, "
                        + "%d left open), %d voids; lost %d, doubled %d, unacknowledged %d, stock mismatches %d, conflicts unaccounted for %d%n",
                phase, f.sales(), tills.size(), f.conflictedSales(), f.settledByPolicy(), f.resolvedBy(), f.rejected(), f.leftOpen(),
                f.voids(), f.lost(), f.doubled(), f.unacknowledged(), f.stockMismatches(), f.unaccounted());
        return f;
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
        Map<String, String> a = SoakOptions.parse(args);
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
