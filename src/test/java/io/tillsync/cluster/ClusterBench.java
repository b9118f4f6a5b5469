package io.tillsync.cluster;

import io.tillsync.reliability.SoakProcesses;
import io.tillsync.reliability.SoakProcesses.AppNode;
import io.tillsync.support.soak.SoakOptions;
import io.tillsync.support.soak.SoakSale;
import io.tillsync.support.soak.SoakShop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sync throughput of one Tillsync node on one plain MariaDB server, then of the same node on the
 * three-node Galera cluster through HAProxy (tills and database both behind it), in the same run
 * and with the same load: tills sending batches of new sales as fast as they are answered.
 *
 * <pre>mvn -B -ntp -q test-compile exec:exec@cluster-bench   (or java -cp ... io.tillsync.cluster.ClusterBench --seconds=20 --tills=6)</pre>
 */
public final class ClusterBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();

    record Figures(String setup, long sales, double seconds, long[] latenciesMillis) {
        @Override
        public String toString() {
            long[] l = latenciesMillis.clone();
            Arrays.sort(l);
            return String.format("%-32s %8.0f sales/s  batch p50 %4d ms  p95 %4d ms  (%d sales in %.0f s)", setup, sales / seconds,
                    l.length == 0 ? 0 : l[l.length / 2], l.length == 0 ? 0 : l[(int) (l.length * 0.95)], sales, seconds);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = SoakOptions.parse(args);
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "20"));
        int tills = Integer.parseInt(a.getOrDefault("tills", "6"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "50"));
        Path work = Path.of(a.getOrDefault("work", "target/cluster-bench")).toAbsolutePath();
        List<Figures> figures = new ArrayList<>();
        figures.add(plain(work.resolve("plain"), seconds, tills, batch));
        figures.add(cluster(work.resolve("cluster"), seconds, tills, batch));
        System.out.printf("%nSync throughput, %d tills, batches of %d new sales, %d s each after a %d s warm-up, one app node, %d cores:%n",
                tills, batch, seconds, 5, Runtime.getRuntime().availableProcessors());
        figures.forEach(System.out::println);
    }

    private static Figures plain(Path dir, int seconds, int tills, int batch) throws Exception {
        Files.createDirectories(dir);
        int port = SoakProcesses.freePort();
        Process install = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--user=root", "--datadir=" + dir.resolve("data"),
                "--auth-root-authentication-method=normal", "--skip-test-db").redirectErrorStream(true)
                .redirectOutput(dir.resolve("install.log").toFile()).start();
        install.waitFor(120, TimeUnit.SECONDS);
        // the settings of one Galera node (my.cnf of deploy/local-cluster), without Galera
        Process db = new ProcessBuilder("mariadbd", "--no-defaults", "--user=root", "--datadir=" + dir.resolve("data"), "--port=" + port,
                "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mariadb.sock"), "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--innodb-flush-log-at-trx-commit=1", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=32M", "--performance-schema=OFF", "--skip-log-bin")
                .redirectErrorStream(true).redirectOutput(dir.resolve("mariadbd.log").toFile()).start();
        try {
            String url = "jdbc:mariadb://127.0.0.1:" + port + "/";
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (true) {
                try (var c = DriverManager.getConnection(url, "root", "")) {
                    c.createStatement().execute("CREATE DATABASE IF NOT EXISTS tillsync CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                    break;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(250);
                }
            }
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SPRING_DATASOURCE_URL", url + "tillsync");
            env.put("SPRING_DATASOURCE_USERNAME", "root");
            env.put("SPRING_DATASOURCE_PASSWORD", "");
            env.put("TILLSYNC_DEMO_DATA", "true");
            env.put("TILLSYNC_ADMIN_PASSWORD", SoakShop.ADMIN_PASSWORD);
            env.put("TILLSYNC_DB_POOL_SIZE", "6");
            try (AppNode app = new AppNode("app", dir, env, null)) {
                app.start();
                app.awaitReady(HTTP);
                return load("plain MariaDB", app.base(), seconds, tills, batch);
            }
        } finally {
            db.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Figures cluster(Path dir, int seconds, int tills, int batch) throws Exception {
        try (LocalCluster c = LocalCluster.startForApps(dir, 27000)) {
            Path appDir = Files.createDirectories(dir.resolve("apps"));
            try (AppNode app = new AppNode("app1", c.appPort(1), appDir, ClusterSoak.appEnvironment(c), null)) {
                app.start();
                app.awaitReady(HTTP);
                Thread.sleep(3_000); // HAProxy's rise
                return load("HAProxy + 3-node Galera", c.httpUrl(), seconds, tills, batch);
            }
        }
    }

    private static Figures load(String setup, String base, int seconds, int tills, int batch) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < tills; i++) {
            String deviceId = "BN" + i + "-" + Long.toHexString(System.nanoTime() & 0xffffff).toUpperCase();
            tokens.add(deviceId + "|" + SoakShop.enroll(HTTP, base, deviceId, SoakShop.ALLOWS));
        }
        AtomicLong counted = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long end = warmUntil + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (String token : tokens) {
            String[] parts = token.split("\\|");
            threads.add(Thread.ofPlatform().start(() -> {
                Random random = new Random();
                int seq = 0;
                while (System.nanoTime() < end) {
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    ArrayNode tx = body.putArray("transactions");
                    for (int i = 0; i < batch; i++) {
                        tx.add(SoakSale.plain(parts[0], SoakShop.ALLOWS, ++seq, random).doc);
                    }
                    body.put("device_id", parts[0]);
                    body.put("synced_at", java.time.Instant.now().toString());
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/pos/offline/batch-sync"))
                                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + parts[1])
                                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(), HttpResponse.BodyHandlers.ofString());
                        long t1 = System.nanoTime();
                        if (r.statusCode() == 200 && t0 >= warmUntil && t1 <= end) {
                            counted.addAndGet(batch);
                            latencies.add((t1 - t0) / 1_000_000);
                        } else if (r.statusCode() != 200) {
                            Thread.sleep(100);
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Figures(setup, counted.get(), seconds, latencies.stream().mapToLong(Long::longValue).toArray());
    }
}
