package io.tillsync.recovery;

import io.tillsync.base.EmbeddedMariaDb;
import io.tillsync.base.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Backups of the database with mariadb-dump: each in a folder of its own holding the gzip dump and
 * its manifest. A backup is written under a ".partial-" name and renamed when complete, so a
 * half-written backup is never listed, let alone taken for the latest.
 */
@Service
public class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    static final String DUMP = "dump.sql.gz";
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final BackupSettings settings;
    private final DataSource dataSource;
    private final ObjectProvider<EmbeddedMariaDb> embedded;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    // one backup or verify at a time on this node: both are heavy, and a verify reads a backup's files
    private final ReentrantLock running = new ReentrantLock();

    Backups(BackupSettings settings, DataSource dataSource, ObjectProvider<EmbeddedMariaDb> embedded, JdbcTemplate jdbc) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** Thrown for a backup id that is not in the backup folder. */
    public static class NoSuchBackup extends RuntimeException {
        NoSuchBackup(String id) {
            super("No backup " + id + " in the backup folder");
        }
    }

    /** Thrown when a backup or verify is asked for while another one runs on this node. */
    public static class Busy extends RuntimeException {
        Busy() {
            super("A backup or verify is running; try again when it has finished");
        }
    }

    @PreAuthorize("hasRole('ADMIN')")
    public BackupManifest take() {
        return takeNow();
    }

    BackupManifest takeNow() {
        if (!running.tryLock()) {
            throw new Busy();
        }
        try {
            return takeLocked();
        } finally {
            running.unlock();
        }
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<BackupManifest> list() {
        return listIn(dir());
    }

    /** The complete backups in a folder, newest first; partial ones are not listed. */
    static List<BackupManifest> listIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<BackupManifest> all = new ArrayList<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                read(folder).ifPresent(all::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.sort(Comparator.comparing(BackupManifest::takenAt).reversed());
        return all;
    }

    /** A backup by its id, or the newest for "latest". */
    Optional<BackupManifest> find(String id) {
        List<BackupManifest> all = listIn(dir());
        return "latest".equals(id) ? all.stream().findFirst() : all.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** Restores the backup into a scratch schema and compares its rows per table with the manifest. */
    @PreAuthorize("hasRole('ADMIN')")
    public BackupManifest verify(String id) {
        return verifyNow(id);
    }

    BackupManifest verifyNow(String id) {
        if (!running.tryLock()) {
            throw new Busy();
        }
        try {
            BackupManifest backup = find(id).orElseThrow(() -> new NoSuchBackup(id));
            BackupManifest checked = BackupCheck.verify(target(), jdbc, folder(backup), backup, clock.instant());
            writeManifest(folder(backup), checked);
            log.info("Backup {} verified: {}", backup.id(), checked.verifyNote());
            return checked;
        } finally {
            running.unlock();
        }
    }

    /** Deletes backups older than the kept days; the newest one always stays, however old. */
    int prune() {
        Instant cutoff = clock.instant().minus(settings.keepDays(), ChronoUnit.DAYS);
        List<BackupManifest> all = listIn(dir());
        int removed = 0;
        for (BackupManifest b : all.subList(Math.min(1, all.size()), all.size())) {
            if (Instant.parse(b.takenAt()).isBefore(cutoff)) {
                deleteRecursively(folder(b));
                removed++;
            }
        }
        return removed;
    }

    Path dir() {
        return dirOf(settings);
    }

    static Path dirOf(BackupSettings settings) {
        return Path.of(settings.dir()).toAbsolutePath().normalize();
    }

    Path folder(BackupManifest b) {
        return dir().resolve(folderName(b));
    }

    static String folderName(BackupManifest b) {
        return "tillsync-" + b.id();
    }

    DatabaseTarget target() {
        return DatabaseTarget.of(dataSource, embedded.getIfAvailable(), settings);
    }

    private BackupManifest takeLocked() {
        Path dir = dir();
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        // backups are named by the second they are taken in: one asked for within the same second waits for the next
        for (int i = 0; i < 3 && Files.exists(dir.resolve("tillsync-" + ID.format(at))); i++) {
            try {
                Thread.sleep(1000 - clock.millis() % 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        }
        String id = ID.format(at);
        Path partial = dir.resolve(".partial-" + id + "-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectories(partial);
            DatabaseTarget db = target();
            // the changesets are read before the dump: a migration between the two would only add some
            List<String> changesets = jdbc.queryForList("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED, DATEEXECUTED", String.class);
            String version = jdbc.queryForObject("SELECT VERSION()", String.class);
            long started = System.nanoTime();
            DumpWriter.Written dump = MariaDbTools.dump(db, partial.resolve(DUMP));
            BackupManifest manifest = new BackupManifest(id, at.toString(), "mariadb-dump", DUMP, dump.sizeBytes(), dump.sha256(),
                    db.schema(), version, dump.tables(), changesets, null, null, null);
            writeManifest(partial, manifest);
            Path done = dir.resolve("tillsync-" + id);
            if (Files.exists(done)) {
                throw new IOException("A backup named " + id + " exists already; backups are at most one a second");
            }
            move(partial, done);
            log.info("Backup {} written: {} bytes, {} sales, in {} ms", id, dump.sizeBytes(), manifest.rows("transactions"),
                    (System.nanoTime() - started) / 1_000_000);
            return manifest;
        } catch (IOException e) {
            deleteRecursively(partial);
            throw new UncheckedIOException("Backup failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteRecursively(partial);
            throw e;
        }
    }

    static Optional<BackupManifest> read(Path folder) {
        Path manifest = folder.resolve(BackupManifest.FILE);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(Files.readString(manifest), BackupManifest.class));
        } catch (IOException | RuntimeException e) {
            log.warn("Unreadable backup manifest {}: {}", manifest, e.getMessage());
            return Optional.empty();
        }
    }

    static void writeManifest(Path folder, BackupManifest manifest) {
        try {
            Path tmp = folder.resolve(BackupManifest.FILE + ".tmp");
            Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
            move(tmp, folder.resolve(BackupManifest.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", path, e.getMessage());
        }
    }
}
