package io.tillsync.recovery;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * What a backup holds, written beside its dump as manifest.json: when it was taken, its size and
 * SHA-256, the rows per table the dump holds (counted as it was written) and the schema's
 * changesets, which a restore compares with its own before it touches anything.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BackupManifest(
        String id,
        String takenAt,
        String format,
        String file,
        long sizeBytes,
        String sha256,
        String schema,
        String serverVersion,
        Map<String, Long> tables,
        List<String> changesets,
        String verifiedAt,
        Boolean verified,
        String verifyNote) {

    public static final String FILE = "manifest.json";

    BackupManifest withVerification(String at, boolean ok, String note) {
        return new BackupManifest(id, takenAt, format, file, sizeBytes, sha256, schema, serverVersion, tables, changesets, at, ok, note);
    }

    public long rows(String table) {
        return tables.getOrDefault(table, 0L);
    }
}
