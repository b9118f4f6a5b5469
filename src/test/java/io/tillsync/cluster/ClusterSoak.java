package io.tillsync.cluster;

import io.tillsync.reliability.SoakProcesses.AppNode;
import io.tillsync.support.soak.FaultCount;
import io.tillsync.support.soak.Pause;
import io.tillsync.support.soak.SoakFleet;
import io.tillsync.support.soak.SoakLedger;
import io.tillsync.support.soak.SoakOptions;
import io.tillsync.support.soak.SoakSale;
import io.tillsync.support.soak.SoakShop;
import io.tillsync.support.soak.SoakTill;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger soak on the local Galera cluster: tills ({@link SoakTill}) in two branches sell
 * through HAProxy to two Tillsync nodes while the writer database node is killed with SIGKILL
 * (HAProxy fails over to the next) and restarted, a backup node is killed and rejoins, the writer
 * is cut off from the others (it answers ERROR 1047 until HAProxy moves on), and app nodes are
 * killed and restarted. Stock runs out in both branches: Senopati allows negative stock (its
 * policy settles it), Kemang forbids it (the sale stays an open conflict). At the end every sale a
 * till sold is booked once or is one open conflict, as the till was told, and stock equals the
 * start minus what was booked ({@link SoakLedger}).
 *
 * <pre>java -cp ... io.tillsync.cluster.ClusterSoak --sales=50000 --faults=20 [--tills=8]</pre>
 */
public final class ClusterSoak {

    /** One product per branch starts with little stock; the others have plenty. */
    static final Map<String, Set<Long>> SCARCE = Map.of(SoakShop.ALLOWS, Set.of(1249L), SoakShop.FORBIDS, Set.of(1248L));

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

    // ------------------------------------------------------------------ one run

    private final Config config;
    // plain sales, no voids; a refused batch waits for Retry-After, which HAProxy's and the server's refusals ask for
    private final SoakFleet fleet = new SoakFleet((till, batch) -> till.send(batch, base()), new SoakFleet.Habits(false, 0, 0, true));
    private final FaultCount<Fault> faults = new FaultCount<>(Fault.class);
    private final Map<String, Integer> rejoins = new ConcurrentHashMap<>();
    private final List<Long> failovers = Collections.synchronizedList(new ArrayList<>());
    private volatile String base;
    private LocalCluster cluster;
    private final List<AppNode> apps = new ArrayList<>();

    private ClusterSoak(Config config) {
        this.config = config;
    }

    public static Report run(Config config) throws Exception {
        return new ClusterSoak(config).runAll();
    }

    /** HAProxy's HTTP frontend: every till sends there. */
    private String base() {
        return base;
    }

    private Report runAll() throws Exception {
        Instant started = Instant.now();
        Path work = config.workDir().toAbsolutePath();
        try (LocalCluster c = LocalCluster.startForApps(work.resolve("cluster"), config.portBase())) {
            cluster = c;
            base = c.httpUrl();
            Path appDir = Files.createDirectories(work.resolve("apps"));
            try {
                for (int n = 1; n <= 2; n++) {
                    // one after the other: the first creates the schema (Liquibase, on the writer) and the demo data
                    AppNode app = new AppNode("app" + n, c.appPort(n), appDir, appEnvironment(c), null);
                    apps.add(app);
                    app.start();
                    app.awaitReady(fleet.http());
                }
                awaitHttp(); // HAProxy has seen a node up
                return soak(started);
            } finally {
                for (AppNode app : apps) {
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
        env.put("TILLSYNC_ADMIN_PASSWORD", SoakShop.ADMIN_PASSWORD);
        env.put("TILLSYNC_DB_POOL_SIZE", "6");
        env.put("SERVER_FORWARD_HEADERS_STRATEGY", "native");
        return env;
    }

    private void awaitHttp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (fleet.http().send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (Exception e) {
                // not yet
            }
            Pause.sleep(250);
        }
        throw new IllegalStateException("HAProxy sends no traffic to the app nodes");
    }

    private Connection db() throws SQLException {
        Connection c = DriverManager.getConnection(cluster.writerUrl(), LocalCluster.USER, LocalCluster.PASSWORD);
        c.createStatement().execute("SET SESSION wsrep_sync_wait=1");
        return c;
    }

    private Report soak(Instant started) throws Exception {
        SoakShop.stockUp(this::db, SCARCE, config.scarceStock());
        Map<String, BigDecimal> stockBefore = SoakShop.stock(this::db);
        Random random = new Random(config.seed());
        List<SoakTill> tills = new ArrayList<>();
        for (int i = 0; i < config.tills(); i++) {
            String branch = i % 2 == 0 ? SoakShop.ALLOWS : SoakShop.FORBIDS;
            String id = "CS" + i + "-" + Long.toHexString(random.nextLong() & 0xffffffL).toUpperCase();
            // nobody resolves here: a sale that waits stays an open conflict
            tills.add(fleet.enroll(base, id, branch, SCARCE.get(branch), s -> s.decision = SoakSale.Decision.LEFT_OPEN, random.nextLong()));
        }
        List<Fault> rotation = List.of(Fault.WRITER_KILLED, Fault.APP_KILLED, Fault.BACKUP_KILLED, Fault.WRITER_CUT_OFF);
        fleet.sellThrough(tills, config.sales(), config.faults(), random, 300,
                f -> inject(rotation.get(f % rotation.size()), f / rotation.size(), random));
        return verify(tills, stockBefore, started);
    }

    private void inject(Fault fault, int round, Random random) throws Exception {
        switch (fault) {
            case WRITER_KILLED -> {
                // db1 is the writer whenever it is up: HAProxy moves the writes back to it when it rejoins
                measureFailover(() -> cluster.kill("db1"));
                Pause.sleep(1_000 + random.nextInt(3_000));
                rejoin("db1");
            }
            case BACKUP_KILLED -> {
                String node = round % 2 == 0 ? "db3" : "db2";
                cluster.kill(node);
                faults.add(fault);
                Pause.sleep(1_000 + random.nextInt(3_000));
                rejoin(node);
                return;
            }
            case WRITER_CUT_OFF -> {
                // the writer leaves the primary component but keeps its connections: ERROR 1047 until HAProxy moves on
                measureFailover(() -> cluster.sqlAsRoot("db1", "SET GLOBAL wsrep_provider_options = 'gmcast.isolate=1'"));
                Pause.sleep(4_000 + random.nextInt(2_000));
                cluster.sqlAsRoot("db1", "SET GLOBAL wsrep_provider_options = 'gmcast.isolate=0'");
                long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (!cluster.state("db1").equals("Synced Primary") && System.nanoTime() < until) {
                    Pause.sleep(250);
                }
                Pause.sleep(4_000); // HAProxy's rise: the writes move back to db1
            }
            case APP_KILLED -> {
                AppNode victim = apps.get(round % apps.size());
                victim.kill();
                faults.add(fault);
                Pause.sleep(500 + random.nextInt(2_000));
                victim.start();
                victim.awaitReady(fleet.http());
                Pause.sleep(3_000); // HAProxy's rise
                return;
            }
        }
        faults.add(fault);
    }

    /** Does the fault and measures from it to the first commit of a batch a till sent after it. */
    private void measureFailover(SoakFleet.Step fault) throws Exception {
        long millis = fleet.millisToFirstCommitAfter(fault);
        if (millis < 0) {
            fleet.problems.add("no commit within 2 minutes of a failover");
        } else {
            failovers.add(millis);
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
            fleet.problems.add(node + " rejoined by " + how + "; see " + cluster.errorLog(node));
        }
        Pause.sleep(4_000); // HAProxy's rise
    }

    /**
     * Every sale a till sold is, as it was answered, booked once or one open conflict; stock is the
     * start minus what was booked, never below zero in Kemang ({@link SoakLedger}); all nodes agree.
     */
    private Report verify(List<SoakTill> tills, Map<String, BigDecimal> stockBefore, Instant started) throws Exception {
        List<SoakSale> sold = tills.stream().flatMap(t -> t.ledger.stream()).toList();
        SoakLedger.Figures f = new SoakLedger("cluster", "CS", fleet.problems).check(this::db, sold, stockBefore);
        long booked = sold.stream().filter(s -> s.serverId != null).count();
        long settled = sold.stream().filter(s -> s.serverId != null && s.conflictId != null).count();
        long open = sold.stream().filter(s -> s.answered && s.serverId == null).count();
        // not as answered counts as lost: other lines, another conflict, a policy that should not have settled it
        long lost = f.lost() + f.lineMismatches() + f.unaccounted() + fleet.conflictsSeen();
        Map<String, Integer> answers = new TreeMap<>(fleet.answers());
        fleet.itemErrors().forEach((code, n) -> answers.put("item " + code, n));
        Report report = new Report(sold.size(), booked, open, settled, faults.byKind(), lost, f.doubled() + fleet.doubledSeen(),
                f.unacknowledged(), f.stockMismatches(), nodesDiffering(), List.copyOf(failovers), Map.copyOf(rejoins), answers,
                fleet.requests(), Duration.between(started, Instant.now()));
        System.out.println("\nCluster soak: " + report);
        fleet.printProblems();
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

    public static void main(String[] args) throws Exception {
        Map<String, String> a = SoakOptions.parse(args);
        Config config = new Config(Integer.parseInt(a.getOrDefault("sales", "50000")), Integer.parseInt(a.getOrDefault("faults", "20")),
                Integer.parseInt(a.getOrDefault("tills", "8")), Path.of(a.getOrDefault("work", "target/cluster-soak")),
                Integer.parseInt(a.getOrDefault("port-base", "26000")), Long.parseLong(a.getOrDefault("seed", "1")),
                Integer.parseInt(a.getOrDefault("scarce-stock", "300")));
        Report report = run(config);
        System.exit(report.clean() ? 0 : 1);
    }
}
