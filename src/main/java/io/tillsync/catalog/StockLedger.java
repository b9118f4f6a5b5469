package io.tillsync.catalog;

import io.tillsync.base.Db;
import io.tillsync.base.IdAllocator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stock ledger: one row per product a sale took or a void or replacement gave back, with the
 * sale behind it. {@link Stock} moves the levels; this keeps why they moved. A batch's rows go in
 * one batched insert with the batch's other rows, their ids from the id blocks.
 */
@Component
public class StockLedger {

    private static final String INSERT = """
            INSERT INTO stock_movements (id, branch_id, product_id, quantity_delta, reason, transaction_id, void_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    /** One movement: {@code delta} is negative for stock taken. {@code voidId} is set for a void's giving back. */
    public record Entry(long branchId, long productId, BigDecimal delta, String reason, long saleId, Long voidId, Instant at) {
    }

    private final JdbcTemplate jdbc;
    private final IdAllocator ids;

    StockLedger(JdbcTemplate jdbc, IdAllocator ids) {
        this.jdbc = jdbc;
        this.ids = ids;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void write(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            rows.add(new Object[] {ids.next("entity_ids"), e.branchId(), e.productId(), e.delta(), e.reason(), e.saleId(), e.voidId(),
                    Db.ts(e.at())});
        }
        jdbc.batchUpdate(INSERT, rows);
    }

    /** A sale's movements in the order they were written. */
    public List<Entry> ofSale(long saleId) {
        return jdbc.query("SELECT branch_id, product_id, quantity_delta, reason, transaction_id, void_id, created_at FROM stock_movements "
                        + "WHERE transaction_id = ? ORDER BY id",
                (rs, i) -> new Entry(rs.getLong("branch_id"), rs.getLong("product_id"), rs.getBigDecimal("quantity_delta"),
                        rs.getString("reason"), rs.getLong("transaction_id"), rs.getObject("void_id", Long.class),
                        Db.instant(rs, "created_at")), saleId);
    }
}
