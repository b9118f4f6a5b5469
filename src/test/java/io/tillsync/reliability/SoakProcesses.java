package io.tillsync.reliability;

import io.tillsync.support.soak.Pause;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The processes a soak run starts, kills with SIGKILL and restarts: a MariaDB server, application
 * nodes and a lossy proxy. The cluster soak and the till's kill test start their servers with
 * {@link AppNode} too.
 */
public final class SoakProcesses {

    private SoakProcesses() {
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void await(String what, Duration within, java.util.function.BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(within);
        while (!ready.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " not ready within " + within);
            }
            Pause.sleep(250);
        }
    }

    /** A process the run started; closing it kills it if it still runs. */
    abstract static class Killable implements AutoCloseable {
        Process process;

        /** SIGKILL: no shutdown hook, no graceful shutdown, requests cut in the middle. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            if (process != null && process.isAlive()) {
                kill();
            }
        }
    }

    /** Debian's mariadbd on its own datadir and loopback port. */
    static final class MariaDb extends Killable {
        private final Path dir;
        final int port;

        MariaDb(Path dir) {
            this.dir = dir.toAbsolutePath();
            this.port = freePort();
        }

        String serverUrl() {
            return "jdbc:mariadb://127.0.0.1:" + port + "/";
        }

        String url() {
            return serverUrl() + "tillsync";
        }

        void install() throws Exception {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--user=root", "--datadir=" + dir.resolve("data"),
                    "--auth-root-authentication-method=normal", "--skip-test-db")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("mariadb-install-db failed: " + Files.readString(dir.resolve("install.log")));
            }
        }

        void start() throws Exception {
            process = new ProcessBuilder("mariadbd", "--no-defaults", "--user=root", "--datadir=" + dir.resolve("data"),
                    "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mariadb.sock"),
                    "--pid-file=" + dir.resolve("mariadbd.pid"), "--skip-grant-tables", "--innodb-flush-log-at-trx-commit=1",
                    "--skip-ssl", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci", "--max-connections=300",
                    "--innodb-buffer-pool-size=128M", "--skip-log-bin")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mariadbd.log").toFile())).start();
            await("MariaDB on port " + port, Duration.ofSeconds(120), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mariadbd exited; see " + dir.resolve("mariadbd.log"));
                }
                try (var c = DriverManager.getConnection(serverUrl(), "root", "")) {
                    c.createStatement().execute("CREATE DATABASE IF NOT EXISTS tillsync CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
        }

    }

    /** One Tillsync node as its own JVM: the packaged jar, or the main class from this classpath. */
    public static final class AppNode extends Killable {
        final String name;
        public final int port;
        private final Path log;
        private final Map<String, String> env;
        private final String jar;
        volatile boolean up;

        public AppNode(String name, Path workDir, Map<String, String> env, String jar) {
            this(name, freePort(), workDir, env, jar);
        }

        /** On a port chosen by the caller: the one a load balancer sends it traffic on. */
        public AppNode(String name, int port, Path workDir, Map<String, String> env, String jar) {
            this.name = name;
            this.port = port;
            this.log = workDir.toAbsolutePath().resolve(name + ".log");
            this.env = env;
            this.jar = jar;
        }

        /** A node that is up, at random; any node when none is. */
        static AppNode pick(List<AppNode> nodes, Random random) {
            List<AppNode> live = nodes.stream().filter(n -> n.up).toList();
            return live.isEmpty() ? nodes.get(random.nextInt(nodes.size())) : live.get(random.nextInt(live.size()));
        }

        public String base() {
            return "http://127.0.0.1:" + port;
        }

        public Process process() {
            return process;
        }

        public void start() throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            if (jar != null) {
                cmd.addAll(List.of("-jar", jar));
            } else {
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.tillsync.Application"));
            }
            cmd.addAll(List.of("--server.port=" + port, "--vaadin.productionMode=true", "--spring.main.banner-mode=off"));
            // run in the work folder: from the project folder, Liquibase would find the changelog twice
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(log.getParent().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            process = pb.start();
        }

        public void awaitReady(HttpClient http) {
            await(name, Duration.ofSeconds(300), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
            up = true;
        }

        @Override
        public void kill() throws InterruptedException {
            up = false;
            super.kill();
        }
    }

    /**
     * Forwards requests to a node and drops the answer: once the node has started to answer (so it
     * has committed), the client's connection is closed instead. The device sees a lost response.
     */
    static final class LossyProxy implements AutoCloseable {
        private final ServerSocket server;
        private final IntSupplier target;
        final AtomicInteger dropped = new AtomicInteger();
        private final Thread acceptor;

        LossyProxy(IntSupplier target) throws IOException {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.target = target;
            this.acceptor = Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread.ofVirtual().start(() -> relay(client));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void relay(Socket client) {
            try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target.getAsInt())) {
                Thread.ofVirtual().start(() -> pump(client, upstream));
                InputStream fromServer = upstream.getInputStream();
                if (fromServer.read() >= 0) {
                    dropped.incrementAndGet();
                }
            } catch (IOException e) {
                // the node is down or the client gave up: the client sees an error either way
            }
        }

        private static void pump(Socket from, Socket to) {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                byte[] buffer = new byte[16 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // closed by the other side
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            acceptor.interrupt();
        }
    }
}
