package io.tillsync.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Galera cluster of deploy/local-cluster, started for a test in a folder and on ports of its
 * own (so a cluster someone runs by hand is not touched), and stopped again with down.sh.
 */
public final class LocalCluster implements AutoCloseable {

    public static final String USER = "tillsync";
    public static final String PASSWORD = "tillsync-local-cluster";

    private final Path dir;
    private final int portBase;
    private final Map<String, Integer> dbPorts = new LinkedHashMap<>();
    private String writerUrl;
    private String httpUrl;

    private LocalCluster(Path dir, int portBase) {
        this.dir = dir;
        this.portBase = portBase;
    }

    /** Starts the three Galera nodes, their health checks and HAProxy's MySQL frontend, on a fresh datadir. */
    public static LocalCluster startDatabases(Path dir, int portBase) throws IOException, InterruptedException {
        LocalCluster cluster = new LocalCluster(dir.toAbsolutePath(), portBase);
        List<String> lines = cluster.run("up.sh", "--db-only");
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4 && f[0].equals("db")) {
                cluster.dbPorts.put(f[1], Integer.parseInt(f[3]));
            } else if (f.length == 2 && f[0].equals("url")) {
                cluster.writerUrl = f[1];
            }
        }
        if (cluster.dbPorts.size() != 3 || cluster.writerUrl == null) {
            cluster.close();
            throw new IllegalStateException("up.sh did not report three nodes and a url: " + lines);
        }
        return cluster;
    }

    /**
     * Starts the three Galera nodes and HAProxy with its HTTP frontend too, for Tillsync nodes the
     * caller starts on {@link #appPort} (so it can kill and restart them).
     */
    public static LocalCluster startForApps(Path dir, int portBase) throws IOException, InterruptedException {
        LocalCluster cluster = new LocalCluster(dir.toAbsolutePath(), portBase);
        List<String> lines = cluster.run("up.sh", "--no-apps");
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4 && f[0].equals("db")) {
                cluster.dbPorts.put(f[1], Integer.parseInt(f[3]));
            } else if (f.length == 2 && f[0].equals("url")) {
                cluster.httpUrl = f[1];
            }
        }
        cluster.writerUrl = "jdbc:mariadb://127.0.0.1:" + (portBase + 50) + "/tillsync";
        if (cluster.dbPorts.size() != 3 || cluster.httpUrl == null) {
            cluster.close();
            throw new IllegalStateException("up.sh did not report three nodes and a url: " + lines);
        }
        return cluster;
    }

    /** HAProxy's HTTP frontend in front of the app nodes. */
    public String httpUrl() {
        return httpUrl;
    }

    /** The port HAProxy expects app node n (1 or 2) on. */
    public int appPort(int n) {
        return portBase + 60 + n;
    }

    public Path dir() {
        return dir;
    }

    /** The error log of a node: where Galera says how it joined (IST or SST). */
    public Path errorLog(String node) {
        return dir.resolve(node).resolve("error.log");
    }

    private long pid(String node) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(node).resolve("server.pid")).trim());
    }

    /** SIGKILL of a node's mariadbd: no shutdown, its grastate.dat says seqno -1. */
    public void kill(String node) throws Exception {
        var process = ProcessHandle.of(pid(node));
        if (process.isPresent()) {
            process.get().destroyForcibly();
            process.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts a killed node again as an operator would: recover its last committed position from
     * InnoDB (what galera_recovery does under systemd), then start it at that position so it asks a
     * donor only for what it missed (IST) rather than a full copy (SST). Returns once it is Synced.
     */
    public void restart(String node) throws Exception {
        Path nodeDir = dir.resolve(node);
        Path cnf = nodeDir.resolve("my.cnf");
        List<String> root = ProcessHandle.current().info().user().orElse("").equals("root") ? List.of("--user=root") : List.of();
        Path recoverLog = nodeDir.resolve("recover.log");
        List<String> recover = new ArrayList<>(List.of("/usr/sbin/mariadbd", "--defaults-file=" + cnf));
        recover.addAll(root);
        recover.addAll(List.of("--wsrep-recover", "--log-error=" + recoverLog));
        Files.deleteIfExists(recoverLog);
        Process r = new ProcessBuilder(recover).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!r.waitFor(120, TimeUnit.SECONDS)) {
            r.destroyForcibly();
            throw new IllegalStateException(node + ": --wsrep-recover did not finish");
        }
        String position = Files.readAllLines(recoverLog).stream().filter(l -> l.contains("Recovered position:"))
                .reduce((a, b) -> b).map(l -> l.substring(l.indexOf("Recovered position:") + 19).trim()).orElse(null);
        List<String> start = new ArrayList<>(List.of("setsid", "/usr/sbin/mariadbd", "--defaults-file=" + cnf));
        start.addAll(root);
        if (position != null) {
            start.add("--wsrep-start-position=" + position);
        }
        Process p = new ProcessBuilder(start).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("console.log").toFile())).start();
        Files.writeString(nodeDir.resolve("server.pid"), Long.toString(p.pid()));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!state(node).equals("Synced Primary")) {
            if (!p.isAlive()) {
                throw new IllegalStateException(node + " stopped while rejoining; see " + errorLog(node));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(node + " did not rejoin within 4 minutes; see " + errorLog(node));
            }
            Thread.sleep(250);
        }
    }

    /** "Synced Primary" when the node serves; anything else (or "") when it does not. */
    public String state(String node) {
        try {
            Process p = new ProcessBuilder("mariadb", "--no-defaults", "--protocol=socket", "--connect-timeout=2",
                    "--socket=" + dir.resolve(node).resolve("mysqld.sock"), "-uroot", "-N", "-B", "-e",
                    "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_state_comment', 'wsrep_cluster_status')")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            String local = "";
            String cluster = "";
            for (String line : out.lines().toList()) {
                String[] f = line.split("\t");
                if (f.length == 2 && f[0].equals("wsrep_local_state_comment")) {
                    local = f[1];
                } else if (f.length == 2 && f[0].equals("wsrep_cluster_status")) {
                    cluster = f[1];
                }
            }
            return (local + " " + cluster).trim();
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    /** JDBC URL of one Galera node, bypassing HAProxy. */
    public String nodeUrl(String node) {
        return "jdbc:mariadb://127.0.0.1:" + dbPorts.get(node) + "/tillsync";
    }

    /** JDBC URL of HAProxy's frontend: always the one writer. */
    public String writerUrl() {
        return writerUrl;
    }

    /** URL of a node's "Synced + Primary" check, as HAProxy asks it. */
    public String checkUrl(int node) {
        return "http://127.0.0.1:" + (portBase + 40 + node) + "/";
    }

    /** Runs a statement as root on one node, over its socket (SET GLOBAL and the like). */
    public void sqlAsRoot(String node, String statement) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mariadb", "--no-defaults", "--protocol=socket",
                "--socket=" + dir.resolve(node).resolve("mysqld.sock"), "-uroot", "-e", statement)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(statement + " on " + node + " failed: " + out);
        }
    }

    private List<String> run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of("deploy", "local-cluster", script).toAbsolutePath().toString());
        command.addAll(List.of(args));
        Files.createDirectories(dir);
        Path err = dir.resolve(script + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        pb.environment().put("TILLSYNC_CLUSTER_DIR", dir.toString());
        pb.environment().put("TILLSYNC_CLUSTER_PORT_BASE", Integer.toString(portBase));
        if (script.equals("up.sh")) {
            pb.environment().put("TILLSYNC_CLUSTER_FRESH", "1");
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(4, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(script + " failed: " + out + Files.readString(err));
        }
        return out.lines().toList();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("down.sh");
    }
}
