package io.tillsync.support;

import io.tillsync.base.EmbeddedMariaDb;
import java.nio.file.Path;
import java.sql.DriverManager;

/** A JVM that starts the embedded MariaDB, writes one row and waits to be killed. */
public final class EmbeddedDbProcess {

    private EmbeddedDbProcess() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of(args[0]), 0);
        try (var c = DriverManager.getConnection(db.jdbcUrl(), "root", ""); var s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS survivor (id INT PRIMARY KEY, note VARCHAR(40))");
            s.execute("INSERT IGNORE INTO survivor VALUES (" + args[1] + ", 'committed before the kill')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
