package io.tillsync.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedded database after its JVM was killed with SIGKILL: data intact, no stale server in the way. */
class EmbeddedMariaDbKillTest {

    private final Path folder = Path.of("target", "kill-test-db").toAbsolutePath();

    @org.junit.jupiter.api.BeforeEach
    void freshFolder() throws Exception {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
    }

    private Process startAndWrite(int id) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.tillsync.support.EmbeddedDbProcess", folder.toString(), Integer.toString(id))
                .redirectErrorStream(true).start();
        // read its output on another thread (it keeps logging after READY; a full pipe would block it)
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.contains("Exception") || line.contains("ERROR")) {
                        System.out.println("[embedded db process] " + line);
                    }
                    if (line.contains("READY")) {
                        ready.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process was killed
            }
        });
        pump.setDaemon(true);
        pump.start();
        if (!ready.await(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the embedded MariaDB process did not get ready (exit " + (p.isAlive() ? "none" : p.exitValue()) + ")");
        }
        return p;
    }

    private long serverPid() throws Exception {
        return Long.parseLong(Files.readString(folder.resolve("mariadbd.pid")).trim());
    }

    private static boolean gone(long pid, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private int rows() throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(folder, 0);
             var c = DriverManager.getConnection(db.jdbcUrl(), "root", "");
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM survivor")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void a_killed_jvm_takes_its_server_down_soon_and_the_next_start_finds_the_data() throws Exception {
        Process jvm = startAndWrite(1);
        long server = serverPid();
        assertThat(ProcessHandle.of(server)).isPresent();

        jvm.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        assertThat(gone(server, Duration.ofSeconds(30))).as("mariadbd %d still running after its JVM died", server).isTrue();
        assertThat(rows()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_server_left_running_without_its_watchdog_is_stopped_by_the_next_start() throws Exception {
        Process jvm = startAndWrite(2);
        long server = serverPid();
        // kill the watchdog too: as if the whole process group had been killed but the server survived
        ProcessHandle.of(jvm.pid()).orElseThrow().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("sh")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        jvm.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive)).contains(true);

        assertThat(rows()).isGreaterThanOrEqualTo(1);
        assertThat(gone(server, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void a_second_start_on_a_folder_whose_owner_is_alive_is_refused_and_leaves_its_database_running() throws Exception {
        Process jvm = startAndWrite(3);
        long server = serverPid();
        try {
            assertThatThrownBy(() -> EmbeddedMariaDb.start(folder, 0)).isInstanceOf(StartRefused.class)
                    .hasMessageContaining("Another Tillsync (process " + jvm.pid() + ")").hasMessageContaining(folder.toString());
            assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive)).as("the owner's database").contains(true);
        } finally {
            jvm.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(gone(server, Duration.ofSeconds(30))).isTrue();
        assertThat(rows()).as("once the owner is dead the folder is free").isGreaterThanOrEqualTo(1);
    }
}
