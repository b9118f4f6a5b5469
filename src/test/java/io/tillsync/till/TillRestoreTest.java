package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.reliability.SoakProcesses.AppNode;
import io.tillsync.support.ApiClient;
import io.tillsync.support.TestData;
import io.tillsync.support.TestDatabase;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The disaster with the browser till in Chromium: it sells, the server is backed up, it sells more,
 * then the server dies and its database is dropped. The restore command brings the backup back on
 * the same address; the till, still open, sees the new epoch on its next pull and sends again what
 * the backup lacks. Afterwards every sale it made is on the server once and stock is exact.
 */
class TillRestoreTest {

    private static final long WATER = 1240;
    private static final long RICE = 1242;
    private static final String SCHEMA = "tillsync_till_restore";

    @Test
    void a_restored_server_gets_back_every_sale_the_till_made() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "till-restore").toAbsolutePath());
        Files.deleteIfExists(work.resolve("till-server.log"));
        String url = TestDatabase.freshSchema(SCHEMA);
        Map<String, String> env = new LinkedHashMap<>(Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", TestDatabase.user(),
                "SPRING_DATASOURCE_PASSWORD", TestDatabase.password(), "TILLSYNC_DEMO_DATA", "true",
                "TILLSYNC_ADMIN_PASSWORD", TestData.ADMIN_PASSWORD, "TILLSYNC_BACKUP_DIR", work.resolve("backups").toString(),
                "TILLSYNC_BACKUP_CRON", "-"));
        Path tools = Path.of("target", "test-mariadb", "mariadb-base", "bin").toAbsolutePath();
        if (Files.isDirectory(tools)) {
            env.put("TILLSYNC_BACKUP_TOOLS_DIR", tools.toString());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        try (AppNode server = new AppNode("till-server", work, env, null); Chromium chromium = new Chromium()) {
            server.start();
            server.awaitReady(http);
            ApiClient api = new ApiClient(server.port);
            TillDevice device = TillDevice.enroll(server.port, TestData.BRANCH);
            String deviceId = device.id();
            TillPage till = chromium.till(TillPage.url(server.port), device);
            List<String> offlineIds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                offlineIds.add((String) till.sell(WATER, 1 + i % 2).get("offline_id"));
            }
            till.awaitOutboxEmpty(Duration.ofSeconds(60));
            ApiClient.Response backup = api.post("/api/v1/admin/backups", ApiClient.adminAuth(), "");
            assertThat(backup.status()).as(backup.raw()).isEqualTo(201);
            for (int i = 0; i < 5; i++) {
                offlineIds.add((String) till.sell(i % 2 == 0 ? RICE : WATER, 2).get("offline_id"));
            }
            till.awaitOutboxEmpty(Duration.ofSeconds(60));
            Map<String, Object> before;
            try (Connection db = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
                before = state(db, deviceId);
            }
            assertThat(before.get("sales")).isEqualTo(9L);

            // the server dies and its database with it
            server.kill();
            try (Connection c = DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1), TestDatabase.user(), TestDatabase.password());
                 var s = c.createStatement()) {
                s.execute("DROP DATABASE " + SCHEMA);
            }
            env.put("TILLSYNC_RESTORE_BACKUP", "latest");
            env.put("TILLSYNC_RESTORE_CONFIRMED", "true");
            server.start();
            server.awaitReady(http);
            try (Connection db = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
                assertThat(state(db, deviceId).get("sales")).as("the backup holds the first four").isEqualTo(4L);
            }

            // the till, still open on the same address, refills the gap by itself
            till.awaitCondition(Duration.ofSeconds(90), () -> {
                try (Connection db = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
                    return till.waiting() == 0 && state(db, deviceId).get("sales").equals(9L);
                } catch (Exception e) {
                    return false;
                }
            }, () -> "the till did not refill: " + till.status());
            try (Connection db = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
                assertThat(state(db, deviceId)).as("the server as it was before the loss").isEqualTo(before);
                for (String id : offlineIds) {
                    try (var q = db.prepareStatement("SELECT COUNT(*) FROM transactions WHERE offline_id = ?")) {
                        q.setString(1, id);
                        try (var rs = q.executeQuery()) {
                            rs.next();
                            assertThat(rs.getLong(1)).as("copies of " + id).isEqualTo(1);
                        }
                    }
                }
            }
            assertThat(Files.readString(work.resolve("till-server.log"))).contains("Restored backup", "New server epoch");
        }
    }

    /** The device's sales and the branch's stock of what it sold. */
    private static Map<String, Object> state(Connection db, String deviceId) throws Exception {
        Map<String, Object> state = new TreeMap<>();
        try (var q = db.prepareStatement("SELECT COUNT(*), COALESCE(SUM(grand_total), 0) FROM transactions WHERE device_id = ?")) {
            q.setString(1, deviceId);
            try (var rs = q.executeQuery()) {
                rs.next();
                state.put("sales", rs.getLong(1));
                state.put("total", rs.getBigDecimal(2).stripTrailingZeros().toPlainString());
            }
        }
        try (var q = db.prepareStatement("SELECT sl.product_id, sl.quantity FROM stock_levels sl JOIN branches b ON b.id = sl.branch_id "
                + "WHERE b.code = ? AND sl.product_id IN (?, ?)")) {
            q.setString(1, TestData.BRANCH);
            q.setLong(2, WATER);
            q.setLong(3, RICE);
            try (var rs = q.executeQuery()) {
                while (rs.next()) {
                    state.put("stock " + rs.getLong(1), ((BigDecimal) rs.getBigDecimal(2)).stripTrailingZeros().toPlainString());
                }
            }
        }
        return state;
    }
}
