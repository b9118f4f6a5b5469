package io.tillsync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.IntegrationTest;
import io.tillsync.support.TestData;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The one owner of stock, on a real MariaDB: decisions in order, exact counts, no deadlock under contention. */
@IntegrationTest
class StockTest {

    private static final long A = 1246;
    private static final long B = 1247;

    @Autowired
    Stock stock;
    @Autowired
    ChangeFeed feed;
    @Autowired
    CatalogService catalog;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;

    long branch;
    Map<Long, BigDecimal> before;

    @BeforeEach
    void remember() {
        branch = catalog.branchByCode(TestData.OTHER_BRANCH).orElseThrow().id();
        before = stock.onHand(branch, List.of(A, B));
    }

    @AfterEach
    void restore() {
        before.forEach((product, qty) -> jdbc.update("UPDATE stock_levels SET quantity = ? WHERE branch_id = ? AND product_id = ?",
                qty, branch, product));
    }

    private void set(long product, int qty) {
        jdbc.update("UPDATE stock_levels SET quantity = ? WHERE branch_id = ? AND product_id = ?", qty, branch, product);
    }

    @Test
    void sales_take_stock_in_batch_order_and_one_that_runs_short_takes_nothing_where_shortage_is_not_allowed() {
        set(A, 5);
        set(B, 1);
        List<Stock.Verdict> v = tx.execute(s -> stock.take(branch, List.of(
                Map.of(A, new BigDecimal("3")),
                Map.of(A, new BigDecimal("1"), B, new BigDecimal("2")),
                Map.of(A, new BigDecimal("2"))), false));
        assertThat(v).extracting(Stock.Verdict::taken).containsExactly(true, false, true);
        assertThat(v.get(1).shortages()).containsExactly(new Stock.Shortage(B, new BigDecimal("1.000"), new BigDecimal("2")));
        Map<Long, BigDecimal> now = stock.onHand(branch, List.of(A, B));
        assertThat(now.get(A)).isEqualByComparingTo("0");
        assertThat(now.get(B)).isEqualByComparingTo("1");
    }

    @Test
    void where_shortage_is_allowed_a_sale_takes_stock_below_zero_and_says_what_was_on_hand() {
        set(A, 2);
        List<Stock.Verdict> v = tx.execute(s -> stock.take(branch, List.of(Map.of(A, new BigDecimal("2")),
                Map.of(A, new BigDecimal("3"))), true));
        assertThat(v).extracting(Stock.Verdict::taken).containsExactly(true, true);
        assertThat(v.get(0).shortages()).isEmpty();
        assertThat(v.get(1).shortages().getFirst().onHand()).isEqualByComparingTo("0");
        assertThat(stock.onHand(branch, List.of(A)).get(A)).isEqualByComparingTo("-3");
        tx.executeWithoutResult(s -> stock.move(branch, Map.of(A, new BigDecimal("3"))));
        assertThat(stock.onHand(branch, List.of(A)).get(A)).isEqualByComparingTo("0");
    }

    @Test
    void many_transactions_taking_the_same_products_in_any_order_queue_instead_of_deadlocking() throws Exception {
        set(A, 100_000);
        set(B, 100_000);
        int threads = 8;
        int rounds = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean reversed = t % 2 == 1;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < rounds; i++) {
                    // the demands name the products in opposite orders; the lock order is the product order all the same
                    List<Map<Long, BigDecimal>> demands = reversed
                            ? List.of(Map.of(B, BigDecimal.ONE), Map.of(A, BigDecimal.ONE))
                            : List.of(Map.of(A, BigDecimal.ONE), Map.of(B, BigDecimal.ONE));
                    tx.execute(s -> stock.take(branch, demands, false));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        Map<Long, BigDecimal> now = stock.onHand(branch, List.of(A, B));
        assertThat(now.get(A)).isEqualByComparingTo(Integer.toString(100_000 - threads * rounds));
        assertThat(now.get(B)).isEqualByComparingTo(Integer.toString(100_000 - threads * rounds));
    }

    @Test
    void changes_of_one_call_get_consecutive_numbers_in_the_order_given() {
        long from = feed.current(branch);
        tx.executeWithoutResult(s -> feed.record(branch, ChangeFeed.CONFLICT, List.of("c-1", "c-2", "c-3")));
        List<ChangeFeed.Change> changes = feed.since(branch, from, 10);
        assertThat(changes).extracting(ChangeFeed.Change::refId).containsExactly("c-1", "c-2", "c-3");
        assertThat(changes).extracting(ChangeFeed.Change::seq).containsExactly(from + 1, from + 2, from + 3);
        assertThat(feed.current(branch)).isEqualTo(from + 3);
    }
}
