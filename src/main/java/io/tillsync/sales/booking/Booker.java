package io.tillsync.sales.booking;

import io.tillsync.base.Db;
import io.tillsync.base.IdAllocator;
import io.tillsync.catalog.Stock;
import io.tillsync.catalog.StockLedger;
import io.tillsync.sales.TransactionRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes sales, payments and voids with their lines and stock movements in batched statements:
 * a batch of sales costs the same few round trips whether it holds 1 sale or 500. Runs inside
 * the caller's transaction, so each sale is stored whole or not at all. Stock on hand is not
 * changed here for new sales: the caller took it through {@link Stock} before booking them.
 */
@Component
class Booker {

    private static final String INSERT_SALE = """
            INSERT INTO transactions (id, transaction_code, offline_id, offline_reference, device_id, device_pk, branch_id,
              created_at_device, received_at, is_offline, payment_method, gateway_reference, id_user_apps, subtotal,
              discount_total, tax_total, grand_total, price_variance, status, fingerprint, raw_json, conflict_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_LINE = """
            INSERT INTO transaction_items (id, transaction_id, line_no, product_id, quantity, unit_price, subtotal, server_unit_price)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    /** A payment or void ready to be written, against the sale it follows. */
    record FollowUpBooking(FollowUp doc, Batch.KnownSale sale, String deviceId, String fingerprint, String rawJson,
                           Instant receivedAt) {
    }

    // positional for the batched inserts; named where a query reads better that way
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final IdAllocator ids;
    private final Stock stock;
    private final StockLedger ledger;

    Booker(NamedParameterJdbcTemplate named, IdAllocator ids, Stock stock, StockLedger ledger) {
        this.jdbc = named.getJdbcTemplate();
        this.named = named;
        this.ids = ids;
        this.stock = stock;
        this.ledger = ledger;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public List<BookedSale> bookSales(List<SaleBooking> bookings) {
        List<BookedSale> booked = new ArrayList<>(bookings.size());
        if (bookings.isEmpty()) {
            return booked;
        }
        List<Object[]> sales = new ArrayList<>(bookings.size());
        List<Object[]> lines = new ArrayList<>();
        List<StockLedger.Entry> movements = new ArrayList<>();
        for (SaleBooking b : bookings) {
            SaleDoc d = b.doc();
            long id = ids.next("transaction_ids");
            String code = TransactionCodes.code(b.place().merchantCode(), b.place().branchCode(), d.deviceDate(), id);
            sales.add(new Object[] {id, code, d.offlineId(), d.offlineReference(), d.deviceId(), b.place().devicePk(),
                    b.place().branchId(), Db.ts(d.createdAtDevice()), Db.ts(b.receivedAt()), d.offline(), d.paymentMethod(),
                    d.gatewayReference(), d.idUserApps(), d.subtotal(), d.discountTotal(), b.checked().taxTotal(), d.grandTotal(),
                    b.checked().priceVariance(), d.status(), b.fingerprint(), b.rawJson(), b.conflictId()});
            addLinesAndMovements(b, id, lines, movements);
            booked.add(new BookedSale(id, d.offlineId(), code));
        }
        jdbc.batchUpdate(INSERT_SALE, sales);
        jdbc.batchUpdate(INSERT_LINE, lines);
        ledger.write(movements);
        return booked;
    }

    private void addLinesAndMovements(SaleBooking b, long saleId, List<Object[]> lines, List<StockLedger.Entry> movements) {
        int lineNo = 1;
        for (SaleLine l : b.doc().items()) {
            lines.add(new Object[] {ids.next("entity_ids"), saleId, lineNo++, l.productId(), l.quantity(), l.unitPrice(),
                    l.subtotal(), b.checked().serverPrices().get(l.productId())});
            movements.add(new StockLedger.Entry(b.place().branchId(), l.productId(), l.quantity().negate(), "sale", saleId, null,
                    b.receivedAt()));
        }
    }

    /**
     * Books a sale a person or a policy decided to book whatever the stock: it takes its stock even
     * below zero, in the same locking order as a batch.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public BookedSale bookRegardlessOfStock(SaleBooking booking) {
        stock.take(booking.place().branchId(), List.of(SaleRules.quantities(booking.doc())), true);
        return bookSales(List.of(booking)).getFirst();
    }

    /**
     * Puts a new version of a sale in place of a stored one: the stored one's stock effect is
     * reversed and its lines replaced, in one stock move. The same offline id keeps its row, id and
     * code; a reused reference leaves the old row marked {@code replaced} and books the new sale beside it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public BookedSale replaceSale(StoredSale old, SaleBooking replacement) {
        Map<Long, BigDecimal> deltas = reversal(old.id(), old.branchId(), "reversal", null, replacement.receivedAt());
        SaleRules.quantities(replacement.doc()).forEach((product, qty) -> deltas.merge(product, qty.negate(), BigDecimal::add));
        stock.move(old.branchId(), deltas);
        SaleDoc d = replacement.doc();
        if (old.offlineId().equals(d.offlineId())) {
            jdbc.update("DELETE FROM transaction_items WHERE transaction_id = ?", old.id());
            jdbc.update("""
                    UPDATE transactions SET offline_reference = ?, created_at_device = ?, payment_method = ?, gateway_reference = ?,
                      id_user_apps = ?, subtotal = ?, discount_total = ?, tax_total = ?, grand_total = ?, price_variance = ?,
                      status = ?, fingerprint = ?, raw_json = ?, conflict_id = ?, voided_at = NULL WHERE id = ?""",
                    d.offlineReference(), Db.ts(d.createdAtDevice()), d.paymentMethod(), d.gatewayReference(), d.idUserApps(),
                    d.subtotal(), d.discountTotal(), replacement.checked().taxTotal(), d.grandTotal(),
                    replacement.checked().priceVariance(), d.status(), replacement.fingerprint(), replacement.rawJson(),
                    replacement.conflictId(), old.id());
            List<Object[]> lines = new ArrayList<>();
            List<StockLedger.Entry> movements = new ArrayList<>();
            addLinesAndMovements(replacement, old.id(), lines, movements);
            jdbc.batchUpdate(INSERT_LINE, lines);
            ledger.write(movements);
            return new BookedSale(old.id(), old.offlineId(), old.transactionCode());
        }
        jdbc.update("UPDATE transactions SET status = 'replaced', offline_reference = LEFT(CONCAT(offline_reference, ?, id), 100) WHERE id = ?",
                TransactionRow.REPLACED_MARK, old.id());
        return bookSales(List.of(replacement)).getFirst();
    }

    /** Payments in one batched insert; voids one by one, each giving its sale's stock back, in one stock move. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Long> bookFollowUps(List<FollowUpBooking> bookings) {
        List<Long> booked = new ArrayList<>(bookings.size());
        List<Object[]> payments = new ArrayList<>();
        Map<Long, Map<Long, BigDecimal>> givenBack = new HashMap<>();
        for (FollowUpBooking b : bookings) {
            long id = ids.next("entity_ids");
            switch (b.doc()) {
                case PaymentDoc p -> payments.add(new Object[] {id, p.offlineId(), b.sale().id, b.deviceId(), p.method(), p.amount(),
                        p.gatewayReference(), Db.ts(p.paidAtDevice()), Db.ts(b.receivedAt()), b.fingerprint(), b.rawJson()});
                case VoidDoc v -> {
                    jdbc.update("""
                            INSERT INTO voids (id, offline_id, transaction_id, device_id, reason, id_user_apps, voided_at_device,
                              received_at, fingerprint, raw_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                            id, v.offlineId(), b.sale().id, b.deviceId(), v.reason(), v.idUserApps(), Db.ts(v.voidedAtDevice()),
                            Db.ts(b.receivedAt()), b.fingerprint(), b.rawJson());
                    jdbc.update("UPDATE transactions SET status = 'voided', voided_at = ? WHERE id = ?", Db.ts(v.voidedAtDevice()),
                            b.sale().id);
                    reversal(b.sale().id, b.sale().branchId, "void", id, b.receivedAt())
                            .forEach((product, qty) -> givenBack.computeIfAbsent(b.sale().branchId, k -> new HashMap<>())
                                    .merge(product, qty, BigDecimal::add));
                }
            }
            booked.add(id);
        }
        if (!payments.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO payments (id, offline_id, transaction_id, device_id, method, amount, gateway_reference, paid_at_device,
                      received_at, fingerprint, raw_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", payments);
        }
        givenBack.forEach(stock::move);
        return booked;
    }

    /** Writes the movements that give a sale's stock back and returns the deltas, for the caller's one stock move. */
    private Map<Long, BigDecimal> reversal(long saleId, long branchId, String reason, Long voidId, Instant at) {
        List<StockLedger.Entry> movements = new ArrayList<>();
        Map<Long, BigDecimal> deltas = new HashMap<>();
        named.query("SELECT product_id, quantity FROM transaction_items WHERE transaction_id = :id", Map.of("id", saleId), rs -> {
            long product = rs.getLong("product_id");
            BigDecimal qty = rs.getBigDecimal("quantity");
            movements.add(new StockLedger.Entry(branchId, product, qty, reason, saleId, voidId, at));
            deltas.merge(product, qty, BigDecimal::add);
        });
        ledger.write(movements);
        return deltas;
    }
}
