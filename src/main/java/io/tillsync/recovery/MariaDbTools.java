package io.tillsync.recovery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

/** mariadb-dump and the mariadb client, run as processes against the application's database. */
final class MariaDbTools {

    private MariaDbTools() {
    }

    /**
     * A consistent dump of one schema: --single-transaction reads InnoDB as of one instant without
     * locking the tills out, one INSERT per row so rows can be counted, blobs in hex so the file is text.
     */
    static DumpWriter.Written dump(DatabaseTarget db, Path file) throws IOException {
        Process p = start(db.command("mariadb-dump", "--single-transaction", "--quick", "--skip-lock-tables",
                "--skip-extended-insert", "--no-autocommit", "--hex-blob", "--routines", "--triggers",
                "--default-character-set=utf8mb4", db.schema()), db);
        CompletableFuture<String> errors = drain(p.getErrorStream());
        p.getOutputStream().close();
        DumpWriter.Written written;
        try {
            written = DumpWriter.write(p.getInputStream(), file);
        } finally {
            finish(p, errors, "mariadb-dump");
        }
        return written;
    }

    /** Loads a gzip dump into a schema that exists and is empty. */
    static void load(DatabaseTarget db, String schema, Path file) throws IOException {
        Process p = start(db.command("mariadb", "--default-character-set=utf8mb4", "--max-allowed-packet=1G",
                "--database=" + schema), db);
        CompletableFuture<String> errors = drain(p.getErrorStream());
        CompletableFuture<String> output = drain(p.getInputStream());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
             OutputStream stdin = p.getOutputStream()) {
            in.transferTo(stdin);
        } catch (IOException e) {
            // the client died while reading: its own message says why
            p.destroy();
        } finally {
            output.join();
            finish(p, errors, "mariadb");
        }
    }

    private static Process start(List<String> command, DatabaseTarget db) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(db.environment());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException(command.getFirst() + " could not be started (set tillsync.backup.tools-dir to the folder of "
                    + "MariaDB's client tools): " + e.getMessage(), e);
        }
    }

    private static void finish(Process p, CompletableFuture<String> errors, String tool) throws IOException {
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(tool + " was interrupted");
        }
        if (code != 0) {
            throw new IOException(tool + " ended with exit code " + code + ": " + errors.join().strip());
        }
    }

    /** Reads a stream to its end on another thread, keeping the first 8 KB (a tool's error text). */
    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (kept.size() < 8192) {
                        kept.write(buffer, 0, Math.min(n, 8192 - kept.size()));
                    }
                }
            } catch (IOException ignored) {
                // the process is gone; what was read is what there is
            }
            return kept.toString(StandardCharsets.UTF_8);
        }, r -> Thread.ofPlatform().daemon().name("mariadb-tool-io").start(r));
    }
}
