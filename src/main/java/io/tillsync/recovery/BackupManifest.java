package io.tillsync.recovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What a backup holds, written beside its dump as manifest.json: when it was taken, its size and
 * SHA-256, the rows per table the dump holds (counted as it was written) and the schema's
 * changesets, which a restore compares with its own before it touches anything.
 */
public record BackupManifest(
        @JsonProperty("id") String id,
        @JsonProperty("taken_at") String takenAt,
        @JsonProperty("format") String format,
        @JsonProperty("file") String file,
        @JsonProperty("size_bytes") long sizeBytes,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("schema") String schema,
        @JsonProperty("server_version") String serverVersion,
        @JsonProperty("tables") Map<String, Long> tables,
        @JsonProperty("changesets") List<String> changesets,
        @JsonProperty("verified_at") String verifiedAt,
        @JsonProperty("verified") Boolean verified,
        @JsonProperty("verify_note") String verifyNote) {

    public static final String FILE = "manifest.json";

    BackupManifest withVerification(String at, boolean ok, String note) {
        return new BackupManifest(id, takenAt, format, file, sizeBytes, sha256, schema, serverVersion, tables, changesets, at, ok, note);
    }

    public long rows(String table) {
        return tables.getOrDefault(table, 0L);
    }
}
