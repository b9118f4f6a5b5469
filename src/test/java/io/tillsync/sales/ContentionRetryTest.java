package io.tillsync.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.tillsync.support.SyncTestBase;

/**
 * Rule 3.5: contention is the server's to absorb. The test makes the database pick a batch's
 * transaction as the loser of a real deadlock, and checks that the till gets its sale booked
 * once, with no error, and that the retry is counted.
 */
class ContentionRetryTest extends SyncTestBase {

    private static final long FIRST = 1244;
    private static final long SECOND = 1245;
    private static final long LAST_UNIT = 1249;

    @Autowired
    MeterRegistry registry;

    @Test
    void a_batch_chosen_as_a_deadlock_victim_is_tried_again_and_booked_once() throws Exception {
        double retriesBefore = retries("deadlock");
        BigDecimal firstBefore = stock(TestData.BRANCH, FIRST);
        Map<String, Object> sale = Sales.sale(device, "20251013", ++seq, List.of(Sales.line(FIRST, 1, 12000), Sales.line(SECOND, 1, 10000)));

        try (Connection holder = jdbc.getDataSource().getConnection()) {
            holder.setAutoCommit(false);
            // weigh the holder down with rows of its own, so the database picks the batch as the victim
            long devicePk = jdbc.queryForObject("SELECT id FROM devices WHERE device_id = ?", Long.class, device);
            try (PreparedStatement weight = holder.prepareStatement("INSERT INTO device_sequence_numbers (device_pk, seq_day, seq_no, "
                    + "received_at) VALUES (?, '2099-01-01', ?, NOW(6))")) {
                for (int i = 1; i <= 300; i++) {
                    weight.setLong(1, devicePk);
                    weight.setInt(2, i);
                    weight.addBatch();
                }
                weight.executeBatch();
            }
            lock(holder, SECOND);
            CompletableFuture<ApiClient.Response> pushed = CompletableFuture.supplyAsync(() -> push(List.of(sale)));
            awaitLockWait(pushed);
            // the batch holds the first product and waits for the second; asking for the first closes the cycle
            lock(holder, FIRST);
            holder.rollback();

            ApiClient.Response r = pushed.get(30, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.result(0).get("success").asBoolean()).as(r.raw()).isTrue();
            assertThat(r.result(0).has("error")).isFalse();
        }
        assertThat(salesOfDevice()).isEqualTo(1);
        assertThat(stock(TestData.BRANCH, FIRST)).isEqualByComparingTo(firstBefore.subtract(BigDecimal.ONE));
        assertThat(count("SELECT COUNT(*) FROM stock_movements m JOIN transactions t ON t.id = m.transaction_id "
                + "WHERE t.device_id = ?", device)).isEqualTo(2);
        assertThat(retries("deadlock")).isGreaterThan(retriesBefore);
    }

    /**
     * A batch decides its stock without locks and takes the rows only at its end. Here the last unit
     * is sold elsewhere in between (a held row, changed and committed while the batch waits for it):
     * the decision no longer stands, so the batch is tried again locking first, and the sale becomes
     * the branch's stock conflict instead of taking stock that is not there.
     */
    @Test
    void a_sale_decided_on_stock_sold_meanwhile_is_decided_again_and_never_takes_what_is_not_there() throws Exception {
        double retriesBefore = retries("stock_moved");
        String other = Sales.newDeviceId();
        String otherToken = api.enroll(other, TestData.OTHER_BRANCH);
        jdbc.update("UPDATE stock_levels s JOIN branches b ON b.id = s.branch_id SET s.quantity = 1 WHERE b.code = ? AND s.product_id = ?",
                TestData.OTHER_BRANCH, LAST_UNIT);
        Map<String, Object> sale = Sales.sale(other, 1, LAST_UNIT, 1, 35000);
        sale.put("branch_code", TestData.OTHER_BRANCH);

        try (Connection holder = jdbc.getDataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement st = holder.prepareStatement("SELECT s.quantity FROM stock_levels s JOIN branches b ON b.id = s.branch_id "
                    + "WHERE b.code = ? AND s.product_id = ? FOR UPDATE")) {
                st.setString(1, TestData.OTHER_BRANCH);
                st.setLong(2, LAST_UNIT);
                st.executeQuery().close();
            }
            CompletableFuture<ApiClient.Response> pushed = CompletableFuture.supplyAsync(
                    () -> api.sync(otherToken, Sales.batch(other, List.of(sale))));
            // the batch read one unit on hand, booked its sale and now waits for the row to apply it
            awaitLockWait(pushed);
            try (PreparedStatement st = holder.prepareStatement("UPDATE stock_levels s JOIN branches b ON b.id = s.branch_id "
                    + "SET s.quantity = 0 WHERE b.code = ? AND s.product_id = ?")) {
                st.setString(1, TestData.OTHER_BRANCH);
                st.setLong(2, LAST_UNIT);
                st.executeUpdate();
            }
            holder.commit();

            ApiClient.Response r = pushed.get(30, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.result(0).get("success").asBoolean()).as(r.raw()).isFalse();
            assertThat(r.result(0).get("conflict_detected").asBoolean()).as(r.raw()).isTrue();
            assertThat(r.data().get("conflicts").get(0).get("reason").asString()).isEqualTo("insufficient_stock");
            assertThat(new BigDecimal(r.data().get("conflicts").get(0).get("server_data").get("stock_on_hand").asString()))
                    .isEqualByComparingTo("0");
        }
        assertThat(count("SELECT COUNT(*) FROM transactions WHERE device_id = ?", other)).isZero();
        assertThat(count("SELECT COUNT(*) FROM offline_conflicts WHERE device_id = ?", other)).isEqualTo(1);
        assertThat(stock(TestData.OTHER_BRANCH, LAST_UNIT)).isEqualByComparingTo("0");
        assertThat(retries("stock_moved")).isGreaterThan(retriesBefore);
    }

    private double retries(String cause) {
        var counter = registry.find("tillsync.sync.retries").tag("cause", cause).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void lock(Connection c, long product) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT s.quantity FROM stock_levels s JOIN branches b ON b.id = s.branch_id "
                + "WHERE b.code = ? AND s.product_id = ? FOR UPDATE")) {
            st.setString(1, TestData.BRANCH);
            st.setLong(2, product);
            st.executeQuery().close();
        }
    }

    /** The batch's stock read has been waiting a while: it holds the first product and waits for the second. */
    private void awaitLockWait(CompletableFuture<ApiClient.Response> pushed) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            // a transaction whose first act is the locking read is not yet listed among InnoDB's transactions
            if (count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT product_id, quantity FROM "
                    + "stock_levels%FOR UPDATE' AND TIME_MS > 200") > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the batch never waited for the held stock row; "
                + (pushed.isDone() ? "it was answered: " + pushed.get().raw() : "it is still running"));
    }
}
