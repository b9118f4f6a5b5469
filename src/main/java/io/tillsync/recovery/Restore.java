package io.tillsync.recovery;

import io.tillsync.base.StartRefused;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Puts a backup in place of the database, during the start and before Liquibase: says what it will
 * do, refuses a backup from a newer schema or while other clients use the database, loads the backup
 * into a schema of its own and checks it row by row, then swaps it in with one RENAME TABLE. The
 * tables it replaces are kept in a schema of their own, so a restore of the wrong backup can be undone.
 */
record Restore(Path dir, DatabaseTarget db) {

    /** What the restore did, for the record written after Liquibase; empty when nothing was asked. */
    record Done(BackupManifest backup, String replacedSchema) {
    }

    private static final Logger log = LoggerFactory.getLogger(Restore.class);
    static final String CHANGELOG = "db-changelog/db.changelog-master.xml";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    /** A database put back by other means (mariadb-backup): nothing to load, only the epoch to renew. */
    static Done restoredElsewhere(String takenAt) {
        Instant taken;
        try {
            taken = Instant.parse(takenAt);
        } catch (java.time.format.DateTimeParseException e) {
            throw new StartRefused("--restored-from=" + takenAt + " is not an instant", "Give the backup's time in UTC, e.g. 2026-12-03T02:30:00Z.");
        }
        log.warn("The database was restored from a copy taken {}: a new epoch makes the tills resend what it lacks", taken);
        return new Done(new BackupManifest("copy-" + taken, taken.toString(), "mariadb-backup", null, 0, null, null, null,
                java.util.Map.of(), List.of(), null, null, null), null);
    }

    Done run(RestoreSettings asked) {
        BackupManifest backup = Backups.listIn(dir).stream()
                .filter(b -> "latest".equals(asked.backup()) || b.id().equals(asked.backup())).findFirst()
                .orElseThrow(() -> new StartRefused("No backup " + asked.backup() + " in " + dir,
                        "Name one of: " + String.join(", ", Backups.listIn(dir).stream().map(BackupManifest::id).toList())
                                + " (or latest), or set tillsync.backup.dir to the folder that holds them"));
        Path folder = dir.resolve(Backups.folderName(backup));
        SingleConnectionDataSource server = new SingleConnectionDataSource(
                "jdbc:mariadb://" + db.host() + ":" + db.port() + "/", db.user(), db.password(), true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(server);
            List<String> unknown = backup.changesets().stream().filter(id -> !knownChangesets().contains(id)).toList();
            if (!unknown.isEmpty()) {
                throw new StartRefused("The backup " + backup.id() + " comes from a newer Tillsync: its schema has changesets this "
                        + "version does not know (" + String.join(", ", unknown) + "). Nothing was changed.",
                        "Restore it with the Tillsync version that took it, or a newer one.");
            }
            String replaced = db.schema() + "_replaced_" + STAMP.format(Instant.now());
            List<String> current = tables(jdbc, db.schema());
            log.warn(plan(backup, jdbc, current, replaced));
            if (!asked.confirmed()) {
                throw new StartRefused("Restore planned, not started: nothing was changed (the plan is in the log above).",
                        "Run again with --yes to restore " + backup.id() + ".");
            }
            refuseIfInUse(jdbc);
            BackupCheck.checksum(folder, backup);
            String staging = db.schema() + "_restoring";
            List<String> differences = BackupCheck.loadAndCount(db, jdbc, folder, backup, staging);
            if (!differences.isEmpty()) {
                jdbc.execute("DROP DATABASE IF EXISTS `" + staging + "`");
                throw new StartRefused("The backup " + backup.id() + " did not load as counted (" + String.join(", ", differences)
                        + "). Nothing was changed.", "Restore another backup.");
            }
            swap(jdbc, current, tables(jdbc, staging), staging, replaced);
            log.warn("Restored backup {} into {}; the tables it replaced are in {}", backup.id(), db.schema(),
                    current.isEmpty() ? "(none: the database was empty)" : replaced);
            return new Done(backup, current.isEmpty() ? null : replaced);
        } catch (IOException e) {
            throw new StartRefused("The backup " + backup.id() + " cannot be restored: " + e.getMessage() + ". Nothing was changed.",
                    "Restore another backup, or check the MariaDB client tools (tillsync.backup.tools-dir).");
        } finally {
            server.destroy();
        }
    }

    private String plan(BackupManifest backup, JdbcTemplate jdbc, List<String> current, String replaced) {
        Instant taken = Instant.parse(backup.takenAt());
        Duration age = Duration.between(taken, Instant.now());
        long salesNow = current.contains("transactions")
                ? jdbc.queryForObject("SELECT COUNT(*) FROM `" + db.schema() + "`.transactions", Long.class) : 0;
        long toApply = knownChangesets().stream().filter(id -> !backup.changesets().contains(id)).count();
        return String.join("\n",
                "Restore plan",
                "  backup    " + backup.id() + ", taken " + taken + " (" + age.toHours() + " h " + age.toMinutesPart() + " min ago), "
                        + String.format(Locale.ROOT, "%.2f MB", backup.sizeBytes() / 1e6) + ", "
                        + backup.rows("transactions") + " sales, " + backup.rows("offline_conflicts") + " conflicts, "
                        + backup.rows("devices") + " devices" + (backup.verified() == null ? ", not verified"
                        : Boolean.TRUE.equals(backup.verified()) ? ", verified " + backup.verifiedAt() : ", FAILED its verify: " + backup.verifyNote()),
                "  database  " + db.schema() + " on " + db.host() + ":" + db.port() + ", now " + current.size() + " tables and " + salesNow
                        + " sales" + (current.isEmpty() ? "" : "; its tables move to " + replaced + " (drop that schema once satisfied)"),
                "  steps     check the dump's SHA-256, load it into " + db.schema() + "_restoring and count its rows, swap it in with one "
                        + "RENAME TABLE, migrate the schema (" + toApply + " changesets to apply), make a new server_epoch with "
                        + "resend_since = " + taken.minus(RestoreRecord.IN_FLIGHT) + " (5 min before the backup), then start",
                "  tills     resend what they had acknowledged from then on; what the backup lacks is booked once, the rest answered as replays",
                "  lost      sales of a till that is gone too, made after " + taken + "; tills paired or given a token after "
                        + taken + " must be paired again; settings and resolutions made since then");
    }

    /** Other Tillsync nodes or clients on the schema would keep writing into the tables being replaced. */
    private void refuseIfInUse(JdbcTemplate jdbc) {
        List<String> others = jdbc.queryForList("SELECT CONCAT(USER, '@', HOST) FROM information_schema.PROCESSLIST "
                + "WHERE DB = ? AND ID <> CONNECTION_ID()", String.class, db.schema());
        if (!others.isEmpty()) {
            throw new StartRefused(others.size() + " other connections use " + db.schema() + " (" + String.join(", ", others.stream().distinct().toList())
                    + "). Nothing was changed.", "Stop every Tillsync node and other client of the database, then run the restore again.");
        }
    }

    private void swap(JdbcTemplate jdbc, List<String> current, List<String> restored, String staging, String replaced) {
        StringBuilder rename = new StringBuilder();
        if (!current.isEmpty()) {
            jdbc.execute("CREATE DATABASE `" + replaced + "`");
            for (String t : current) {
                rename.append(rename.isEmpty() ? "" : ", ").append('`').append(db.schema()).append("`.`").append(t)
                        .append("` TO `").append(replaced).append("`.`").append(t).append('`');
            }
        }
        for (String t : restored) {
            rename.append(rename.isEmpty() ? "" : ", ").append('`').append(staging).append("`.`").append(t)
                    .append("` TO `").append(db.schema()).append("`.`").append(t).append('`');
        }
        jdbc.execute("CREATE DATABASE IF NOT EXISTS `" + db.schema() + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        // one statement: MariaDB renames all of them or none
        jdbc.execute("RENAME TABLE " + rename);
        jdbc.execute("DROP DATABASE `" + staging + "`");
    }

    /** Tables and sequences (the id blocks are sequences): both move with RENAME TABLE. */
    private static List<String> tables(JdbcTemplate jdbc, String schema) {
        return jdbc.queryForList("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? "
                + "AND TABLE_TYPE IN ('BASE TABLE', 'SEQUENCE')", String.class, schema);
    }

    private static List<String> knownChangesets;

    /** The changesets of this version's changelog, read as Liquibase reads them. */
    static synchronized List<String> knownChangesets() {
        if (knownChangesets == null) {
            try {
                ResourceAccessor resources = new ClassLoaderResourceAccessor(Restore.class.getClassLoader());
                knownChangesets = ChangeLogParserFactory.getInstance().getParser(CHANGELOG, resources)
                        .parse(CHANGELOG, new ChangeLogParameters(), resources)
                        .getChangeSets().stream().map(ChangeSet::getId).toList();
            } catch (LiquibaseException e) {
                throw new IllegalStateException("This version's changelog cannot be read: " + e.getMessage(), e);
            }
        }
        return knownChangesets;
    }
}
