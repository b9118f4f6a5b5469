package io.tillsync.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;

/**
 * The hardware's own limit for the same rows: sales, their lines, their stock movements and the
 * stock update, written with bulk JDBC statements and one commit per 50 sales. No HTTP, no JSON,
 * no checks. What Tillsync does on top of this is its cost.
 */
final class RawLimit {

    private RawLimit() {
    }

    static double salesPerSecond(String url, int threads, int batchesPerThread, int batchSize, int lines) throws Exception {
        AtomicLong ids = new AtomicLong(9_000_000_000L);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, "root", "")) {
                    c.setAutoCommit(false);
                    SplittableRandom random = new SplittableRandom(thread);
                    for (int b = 0; b < batchesPerThread; b++) {
                        writeBatch(c, ids, random, thread, batchSize, lines);
                        c.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        return threads * (double) batchesPerThread * batchSize / seconds;
    }

    private static void writeBatch(Connection c, AtomicLong ids, SplittableRandom random, int thread, int batchSize, int lines)
            throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement sale = c.prepareStatement("""
                INSERT INTO transactions (id, transaction_code, offline_id, offline_reference, device_id, device_pk, branch_id,
                  created_at_device, received_at, is_offline, payment_method, subtotal, discount_total, tax_total, grand_total,
                  status, fingerprint, raw_json) VALUES (?, ?, ?, ?, ?, 0, 1, ?, ?, 1, 'CASH', ?, 0, ?, ?, 'paid', ?, ?)""");
             PreparedStatement line = c.prepareStatement("""
                INSERT INTO transaction_items (id, transaction_id, line_no, product_id, quantity, unit_price, subtotal)
                VALUES (?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement move = c.prepareStatement("""
                INSERT INTO stock_movements (id, branch_id, product_id, quantity_delta, reason, transaction_id, created_at)
                VALUES (?, 1, ?, ?, 'sale', ?, ?)""");
             PreparedStatement stock = c.prepareStatement(
                "UPDATE stock_levels SET quantity = quantity - ? WHERE branch_id = 1 AND product_id = ?")) {
            long[] sold = new long[BenchLoad.PRODUCTS.length];
            for (int s = 0; s < batchSize; s++) {
                long id = ids.incrementAndGet();
                long subtotal = 0;
                for (int l = 0; l < lines; l++) {
                    int p = random.nextInt(BenchLoad.PRODUCTS.length);
                    int qty = 1 + random.nextInt(3);
                    long lineId = ids.incrementAndGet();
                    line.setLong(1, lineId);
                    line.setLong(2, id);
                    line.setInt(3, l + 1);
                    line.setLong(4, BenchLoad.PRODUCTS[p]);
                    line.setInt(5, qty);
                    line.setLong(6, BenchLoad.PRICES[p]);
                    line.setLong(7, qty * BenchLoad.PRICES[p]);
                    line.addBatch();
                    move.setLong(1, ids.incrementAndGet());
                    move.setLong(2, BenchLoad.PRODUCTS[p]);
                    move.setInt(3, -qty);
                    move.setLong(4, id);
                    move.setTimestamp(5, now);
                    move.addBatch();
                    sold[p] += qty;
                    subtotal += qty * BenchLoad.PRICES[p];
                }
                String raw = "{\"raw\":" + id + "}";
                sale.setLong(1, id);
                sale.setString(2, "RAW-" + id);
                sale.setString(3, UUID.randomUUID().toString());
                sale.setString(4, "RAW" + thread + "-" + id);
                sale.setString(5, "RAW" + thread);
                sale.setTimestamp(6, now);
                sale.setTimestamp(7, now);
                sale.setLong(8, subtotal);
                sale.setLong(9, subtotal / 10);
                sale.setLong(10, subtotal + subtotal / 10);
                sale.setString(11, "0".repeat(64));
                sale.setString(12, raw);
                sale.addBatch();
            }
            sale.executeBatch();
            line.executeBatch();
            move.executeBatch();
            for (int p = 0; p < sold.length; p++) {
                if (sold[p] > 0) {
                    stock.setLong(1, sold[p]);
                    stock.setLong(2, BenchLoad.PRODUCTS[p]);
                    stock.addBatch();
                }
            }
            stock.executeBatch();
        }
    }

    static Connection connect(String url) throws Exception {
        return DriverManager.getConnection(url, "root", "");
    }
}
