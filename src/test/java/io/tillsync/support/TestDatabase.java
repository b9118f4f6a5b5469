package io.tillsync.support;

import io.tillsync.base.EmbeddedMariaDb;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.test.util.TestPropertyValues;

/**
 * One real MariaDB for the whole test run. By default the embedded one, started once per JVM
 * on a fresh schema; with TILLSYNC_TEST_DB_URL (and _USER, _PASSWORD) the same suite runs
 * against an external server, whose schema it drops and recreates.
 */
public final class TestDatabase {

    private static String url;
    private static String user;
    private static String password;
    private static EmbeddedMariaDb embedded;

    private TestDatabase() {
    }

    public static synchronized String url() {
        if (url == null) {
            String external = System.getenv("TILLSYNC_TEST_DB_URL");
            if (external != null && !external.isBlank()) {
                url = external;
                user = System.getenv().getOrDefault("TILLSYNC_TEST_DB_USER", "root");
                password = System.getenv().getOrDefault("TILLSYNC_TEST_DB_PASSWORD", "");
            } else {
                embedded = EmbeddedMariaDb.start(Path.of("target", "test-mariadb"), 0);
                Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
                url = embedded.jdbcUrl();
                user = "root";
                password = "";
            }
            recreateSchema();
        }
        return url;
    }

    /** A new, empty schema on the tests' server, for a Tillsync process of its own; its JDBC URL. */
    public static String freshSchema(String schema) throws java.sql.SQLException {
        String shared = url();
        String server = shared.substring(0, shared.lastIndexOf('/') + 1);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(server, user(), password()); var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + schema);
            s.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        return server + schema;
    }

    public static String user() {
        url();
        return user;
    }

    public static String password() {
        url();
        return password;
    }

    private static void recreateSchema() {
        String server = url.substring(0, url.lastIndexOf('/') + 1);
        String schema = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        try (var c = DriverManager.getConnection(server, user, password); var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + schema);
            s.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (Exception e) {
            throw new IllegalStateException("Could not prepare the test schema on " + url, e);
        }
    }

    /** Points a Spring test context at the shared database. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                    "spring.datasource.url=" + url(),
                    "spring.datasource.username=" + user(),
                    "spring.datasource.password=" + password(),
                    "tillsync.demo-data=true",
                    // many tests sell from the same demo stock: never so little that a stock conflict joins a test's own
                    "tillsync.demo-stock=900000",
                    // as the packaged jar runs: the production bundle, no Vite dev server
                    "vaadin.productionMode=true",
                    "TILLSYNC_ADMIN_PASSWORD=" + TestData.ADMIN_PASSWORD,
                    // backups of the shared test database, by hand only, with the client tools of its server's version
                    "tillsync.backup.dir=" + Path.of("target", "test-backups").toAbsolutePath(),
                    "tillsync.backup.cron=-",
                    "tillsync.backup.tools-dir=" + (embedded == null ? "" : embedded.root().resolve("mariadb-base").resolve("bin"))
            ).applyTo(context);
            // one context for all integration tests: a test that needs time to pass moves this clock instead
            context.getBeanFactory().registerSingleton("movableClock", MovableClock.SHARED);
        }
    }
}
