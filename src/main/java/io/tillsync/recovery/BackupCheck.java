package io.tillsync.recovery;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Proves a backup can be restored: its checksum matches, it loads into a schema of its own, and that
 * schema holds exactly the rows per table the dump was counted with. A restore does the same into
 * the schema it is about to swap in.
 */
final class BackupCheck {

    private BackupCheck() {
    }

    static BackupManifest verify(DatabaseTarget db, JdbcTemplate jdbc, Path folder, BackupManifest backup, Instant now) {
        String scratch = db.schema() + "_verify";
        try {
            checksum(folder, backup);
            List<String> differences = loadAndCount(db, jdbc, folder, backup, scratch);
            return differences.isEmpty()
                    ? backup.withVerification(now.toString(), true, "restored into a scratch database; "
                    + backup.tables().size() + " tables, " + totalRows(backup) + " rows, all as counted")
                    : backup.withVerification(now.toString(), false, "rows differ: " + String.join(", ", differences));
        } catch (IOException | RuntimeException e) {
            return backup.withVerification(now.toString(), false, e.getMessage());
        } finally {
            jdbc.execute("DROP DATABASE IF EXISTS `" + scratch + "`");
        }
    }

    static void checksum(Path folder, BackupManifest backup) throws IOException {
        String actual = DumpWriter.sha256(folder.resolve(backup.file()));
        if (!actual.equals(backup.sha256())) {
            throw new IOException("the dump's SHA-256 is " + actual + ", its manifest says " + backup.sha256()
                    + ": the file changed after it was written");
        }
    }

    /** Loads the dump into a fresh schema; answers the tables whose rows differ from the manifest's count. */
    static List<String> loadAndCount(DatabaseTarget db, JdbcTemplate jdbc, Path folder, BackupManifest backup, String schema)
            throws IOException {
        jdbc.execute("DROP DATABASE IF EXISTS `" + schema + "`");
        jdbc.execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        MariaDbTools.load(db, schema, folder.resolve(backup.file()));
        Map<String, Long> found = new TreeMap<>();
        for (String table : jdbc.queryForList("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? "
                + "AND TABLE_TYPE = 'BASE TABLE'", String.class, schema)) {
            found.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM `" + schema + "`.`" + table + "`", Long.class));
        }
        List<String> differences = new ArrayList<>();
        for (var e : backup.tables().entrySet()) {
            Long rows = found.get(e.getKey());
            if (rows == null) {
                differences.add(e.getKey() + " missing");
            } else if (rows.longValue() != e.getValue()) {
                differences.add(e.getKey() + " " + rows + " of " + e.getValue());
            }
        }
        found.keySet().stream().filter(t -> !backup.tables().containsKey(t)).forEach(t -> differences.add(t + " unexpected"));
        return differences;
    }

    private static long totalRows(BackupManifest backup) {
        return backup.tables().values().stream().mapToLong(Long::longValue).sum();
    }
}
