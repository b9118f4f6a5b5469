package io.tillsync.recovery;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Streams mariadb-dump's output into a gzip file, counting the rows of each table as they pass
 * (the dump writes one INSERT per row) and taking the file's SHA-256 on the way: the counts are
 * those of the dump's own snapshot, which a verify compares with a restored copy.
 */
final class DumpWriter {

    record Written(long sizeBytes, String sha256, Map<String, Long> tables) {
    }

    private static final String INSERT = "INSERT INTO `";

    private DumpWriter() {
    }

    static Written write(InputStream dump, Path target) throws IOException {
        MessageDigest sha = sha256();
        Map<String, Long> tables = new TreeMap<>();
        try (OutputStream file = Files.newOutputStream(target);
             DigestOutputStream digest = new DigestOutputStream(file, sha);
             GZIPOutputStream gzip = new GZIPOutputStream(digest, 1 << 16);
             BufferedWriter out = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
             BufferedReader in = new BufferedReader(new InputStreamReader(dump, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(INSERT)) {
                    int end = line.indexOf('`', INSERT.length());
                    tables.merge(line.substring(INSERT.length(), end), 1L, Long::sum);
                } else if (line.startsWith("CREATE TABLE `")) {
                    // an empty table is in the backup too, with no rows
                    int end = line.indexOf('`', 14);
                    tables.putIfAbsent(line.substring(14, end), 0L);
                }
                out.write(line);
                out.write('\n');
            }
        }
        return new Written(Files.size(target), HexFormat.of().formatHex(sha.digest()), tables);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
