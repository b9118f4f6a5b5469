package io.tillsync.sales;

import io.tillsync.catalog.Branch;
import io.tillsync.catalog.CatalogService;
import io.tillsync.catalog.ProductInfo;
import io.tillsync.catalog.StockLedger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a sale holds beyond its list row: its amounts, its lines with the products' names, the
 * branch it was sold at and what it did to the stock. Read for many sales in one query each, so
 * the sale's page (one sale) and the export (a page of 500) read them the same way.
 */
@Component
class SaleParts {

    private final NamedParameterJdbcTemplate jdbc;
    private final CatalogService catalog;
    private final StockLedger ledger;

    SaleParts(NamedParameterJdbcTemplate jdbc, CatalogService catalog, StockLedger ledger) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.ledger = ledger;
    }

    record Amounts(BigDecimal subtotal, BigDecimal discount, BigDecimal tax, BigDecimal variance) {
    }

    Map<Long, Amounts> amounts(Collection<Long> saleIds) {
        Map<Long, Amounts> amounts = new HashMap<>();
        jdbc.query("SELECT id, subtotal, discount_total, tax_total, price_variance FROM transactions WHERE id IN (:ids)",
                Map.of("ids", saleIds), rs -> {
                    amounts.put(rs.getLong("id"), new Amounts(rs.getBigDecimal("subtotal"), rs.getBigDecimal("discount_total"),
                            rs.getBigDecimal("tax_total"), rs.getBigDecimal("price_variance")));
                });
        return amounts;
    }

    /** Each sale's lines in line order, with the product's name where the catalog still has it. */
    Map<Long, List<TransactionDetail.Line>> lines(Collection<Long> saleIds) {
        record Raw(long sale, TransactionDetail.Line line) {
        }
        List<Raw> raw = jdbc.query("""
                SELECT transaction_id, line_no, product_id, quantity, unit_price, subtotal, server_unit_price
                FROM transaction_items WHERE transaction_id IN (:ids) ORDER BY transaction_id, line_no""",
                Map.of("ids", saleIds), (rs, i) -> new Raw(rs.getLong("transaction_id"), new TransactionDetail.Line(rs.getInt("line_no"),
                        rs.getLong("product_id"), null, rs.getBigDecimal("quantity"), rs.getBigDecimal("unit_price"),
                        rs.getBigDecimal("subtotal"), rs.getBigDecimal("server_unit_price"))));
        Set<Long> products = new HashSet<>();
        raw.forEach(r -> products.add(r.line().productId()));
        Map<Long, ProductInfo> names = catalog.products(products);
        Map<Long, List<TransactionDetail.Line>> bySale = new HashMap<>();
        for (Raw r : raw) {
            TransactionDetail.Line l = r.line();
            ProductInfo p = names.get(l.productId());
            bySale.computeIfAbsent(r.sale(), k -> new ArrayList<>()).add(new TransactionDetail.Line(l.lineNo(), l.productId(),
                    p == null ? null : p.name(), l.quantity(), l.unitPrice(), l.subtotal(), l.serverUnitPrice()));
        }
        return bySale;
    }

    List<TransactionDetail.Movement> movements(long saleId) {
        return ledger.ofSale(saleId).stream().map(e -> new TransactionDetail.Movement(e.productId(), e.delta(), e.reason(), e.at()))
                .toList();
    }

    Optional<Branch> branch(long branchId) {
        return catalog.branch(branchId);
    }
}
