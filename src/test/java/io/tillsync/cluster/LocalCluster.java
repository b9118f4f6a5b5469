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
