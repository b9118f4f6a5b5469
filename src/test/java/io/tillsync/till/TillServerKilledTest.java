package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import io.tillsync.reliability.SoakProcesses.AppNode;
import io.tillsync.support.TestData;
import io.tillsync.support.TestDatabase;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tillsync runs as its own JVM and is SIGKILLed while the till sends a day's sales, then started
 * again on the same database and port. The database (the tests' MariaDB, in this JVM) outlives
 * it, as a shop's database outlives a crashed server.
 * <p>
 * A kill at a random moment would mostly land between requests. To land inside a batch every
 * time, the test holds, uncommitted, the sequence-number row of the second batch's first sale,
 * which a batch writes after its sales: the first batch books, the second has written its sales
 * and waits inside its database transaction for that row when the process dies.
 */
class TillServerKilledTest {

    private static final int SALES = 120;
    private static final int BATCH = 50;
    /** Sold by every sale. */
    private static final long WATER = 1240;
    /** Sold from the second batch on. */
    private static final long RICE = 1242;

    @Test
    void server_killed_mid_sync_books_every_sale_once() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "till-kill").toAbsolutePath());
        Files.deleteIfExists(work.resolve("till-server.log"));
        String url = TestDatabase.freshSchema("tillsync_till_kill");
        Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", TestDatabase.user(),
                "SPRING_DATASOURCE_PASSWORD", TestDatabase.password(), "TILLSYNC_DEMO_DATA", "true",
                "TILLSYNC_ADMIN_PASSWORD", TestData.ADMIN_PASSWORD);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        try (AppNode server = new AppNode("till-server", work, env, null);
             Connection db = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Connection holder = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Chromium chromium = new Chromium()) {
            server.start();
            server.awaitReady(http);
            TillDevice device = TillDevice.enroll(server.port, TestData.BRANCH);
            String deviceId = device.id();
            TillPage till = chromium.till(TillPage.url(server.port), device);
            BrowserContext context = till.page.context();
            till.awaitOfflineReady();
            Map<Long, BigDecimal> stockBefore = stock(db);

            context.setOffline(true);
            Map<Long, Integer> sold = new HashMap<>();
            List<String> offlineIds = new ArrayList<>();
            String secondBatchFirst = null;
            for (int i = 0; i < SALES; i++) {
                List<Map<String, Object>> lines = new ArrayList<>();
                lines.add(line(WATER, 1 + i % 2, sold));
                if (i >= BATCH) {
                    lines.add(line(RICE, 1 + i % 3, sold));
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> sale = (Map<String, Object>) till.page.evaluate("lines => window.till.sell(lines)", lines);
                offlineIds.add((String) sale.get("offline_id"));
                if (i == BATCH) {
                    secondBatchFirst = (String) sale.get("offline_reference");
                }
            }
            assertThat(till.waiting()).isEqualTo(SALES);

            holder.setAutoCommit(false);
            // the second batch's first sequence number alone: the first batch does not touch it
            String[] parts = secondBatchFirst.split("-");
            try (var lock = holder.prepareStatement("INSERT INTO device_sequence_numbers (device_pk, seq_day, seq_no, received_at) "
                    + "SELECT id, ?, ?, NOW(6) FROM devices WHERE device_id = ?")) {
                lock.setDate(1, java.sql.Date.valueOf(java.time.LocalDate.parse(parts[parts.length - 2],
                        java.time.format.DateTimeFormatter.BASIC_ISO_DATE)));
                lock.setInt(2, Integer.parseInt(parts[parts.length - 1]));
                lock.setString(3, deviceId);
                assertThat(lock.executeUpdate()).isEqualTo(1);
            }
            context.setOffline(false);
            till.syncNow();

            long[] waiter = awaitSecondBatchWaiting(db, deviceId);
            assertThat(booked(db, deviceId)).as("the first batch is booked, the second is not committed").isEqualTo(BATCH);
            assertThat(waiter[1]).as("rows the waiting batch had written").isPositive();
            till.awaitCondition(Duration.ofSeconds(30), () -> till.waiting() == SALES - BATCH,
                    () -> "the first batch's answer was not applied: " + till.status());

            server.kill();
            assertThat(server.process().exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            holder.rollback();
            awaitGone(db, waiter[0]);
            assertThat(booked(db, deviceId)).as("the killed batch left nothing behind").isEqualTo(BATCH);
            till.awaitCondition(Duration.ofSeconds(30), () -> String.valueOf(till.status().get("error")).contains("unreachable"),
                    () -> "the till did not notice the dead server: " + till.status());
            assertThat(till.waiting()).isEqualTo(SALES - BATCH);

            long restart = System.nanoTime();
            server.start();
            server.awaitReady(http);
            System.out.printf("[server killed] with %d of %d sales booked and the next batch waiting after writing %d rows; "
                    + "up again in %d s%n", BATCH, SALES, waiter[1], Duration.ofNanos(System.nanoTime() - restart).toSeconds());
            till.awaitCondition(Duration.ofSeconds(90), () -> {
                Map<String, Object> s = till.status();
                return ((Number) s.get("waiting")).intValue() == 0 && s.get("error") == null && s.get("pull_error") == null;
            }, () -> "the till did not catch up: " + till.status());

            assertThat(till.sales()).hasSize(SALES).allSatisfy(s -> assertThat(s.get("sync")).isEqualTo("synced"));
            till.page.waitForFunction("() => document.querySelector('#waiting').textContent === '0' "
                    + "&& document.querySelector('#alerts').textContent === ''");
            assertThat(till.page.locator("#last-sync").textContent()).endsWith(" s ago");
            assertThat(onceEach(db, deviceId)).containsOnlyKeys(offlineIds).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertThat(references(db, deviceId)).as("one reference each").hasSize(SALES).doesNotHaveDuplicates();
            Map<Long, BigDecimal> stockAfter = stock(db);
            for (long product : List.of(WATER, RICE)) {
                assertThat(stockBefore.get(product).subtract(stockAfter.get(product))).as("stock of %s", product)
                        .isEqualByComparingTo(BigDecimal.valueOf(sold.get(product)));
                assertThat(movements(db, deviceId, product)).as("stock movements of %s", product)
                        .isEqualByComparingTo(BigDecimal.valueOf(-sold.get(product)));
            }
        }
    }

    private static Map<String, Object> line(long product, int quantity, Map<Long, Integer> sold) {
        sold.merge(product, quantity, Integer::sum);
        return Map.of("product_id", (int) product, "quantity", quantity);
    }

    /** A schema of its own on the tests' MariaDB server: the child process migrates it and loads the demo data. */
    /** Waits for a transaction of the server waiting on the held row; returns its thread id and the rows it wrote. */
    private static long[] awaitSecondBatchWaiting(Connection db, String deviceId) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (ResultSet rs = db.createStatement().executeQuery(
                    "SELECT trx_mysql_thread_id, trx_rows_modified FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'")) {
                if (rs.next()) {
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                }
            }
            sleep(100);
        }
        throw new AssertionError("no batch waited on the held row; booked: " + booked(db, deviceId));
    }

    /** The killed server's connection ends once its statement can finish: MariaDB then rolls its transaction back. */
    private static void awaitGone(Connection db, long thread) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (var st = db.prepareStatement("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = ?")) {
                st.setLong(1, thread);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return;
                    }
                }
            }
            sleep(100);
        }
        throw new AssertionError("the killed server's transaction is still open");
    }

    private static int booked(Connection db, String deviceId) throws SQLException {
        try (var st = db.prepareStatement("SELECT COUNT(*) FROM transactions WHERE device_id = ?")) {
            st.setString(1, deviceId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Map<String, Integer> onceEach(Connection db, String deviceId) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (var st = db.prepareStatement("SELECT offline_id, COUNT(*) FROM transactions WHERE device_id = ? GROUP BY offline_id")) {
            st.setString(1, deviceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    private static List<String> references(Connection db, String deviceId) throws SQLException {
        List<String> references = new ArrayList<>();
        try (var st = db.prepareStatement("SELECT offline_reference FROM transactions WHERE device_id = ?")) {
            st.setString(1, deviceId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    references.add(rs.getString(1));
                }
            }
        }
        return references;
    }

    private static Map<Long, BigDecimal> stock(Connection db) throws SQLException {
        Map<Long, BigDecimal> stock = new HashMap<>();
        try (var st = db.prepareStatement("SELECT s.product_id, s.quantity FROM stock_levels s JOIN branches b ON b.id = s.branch_id "
                + "WHERE b.code = ?")) {
            st.setString(1, TestData.BRANCH);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stock.put(rs.getLong(1), rs.getBigDecimal(2));
                }
            }
        }
        return stock;
    }

    private static BigDecimal movements(Connection db, String deviceId, long product) throws SQLException {
        try (var st = db.prepareStatement("SELECT COALESCE(SUM(m.quantity_delta), 0) FROM stock_movements m "
                + "JOIN transactions t ON t.id = m.transaction_id WHERE t.device_id = ? AND m.product_id = ?")) {
            st.setString(1, deviceId);
            st.setLong(2, product);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
