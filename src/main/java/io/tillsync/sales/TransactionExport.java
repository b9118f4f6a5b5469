package io.tillsync.sales;

import io.tillsync.catalog.Branch;
import io.tillsync.catalog.CatalogService;
import io.tillsync.catalog.ProductInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The filtered sales with everything a bookkeeper needs beside them: the branch and till by name,
 * every amount and the lines. Read page by page in the grid's order, through the same branch-scoped
 * list the grid uses, with one query per page for amounts, lines and names.
 */
@Service
public class TransactionExport {

    static final int PAGE = 500;

    private final TransactionQueries queries;
    private final CatalogService catalog;
    private final NamedParameterJdbcTemplate jdbc;

    TransactionExport(TransactionQueries queries, CatalogService catalog, NamedParameterJdbcTemplate jdbc) {
        this.queries = queries;
        this.catalog = catalog;
        this.jdbc = jdbc;
    }

    /** One sale as exported. */
    public record Sale(TransactionRow row, String branchCode, String branchName, String deviceName, BigDecimal subtotal,
                       BigDecimal discountTotal, BigDecimal taxTotal, BigDecimal priceVariance, String replacedBy,
                       List<TransactionDetail.Line> lines) {
    }

    private record Amounts(BigDecimal subtotal, BigDecimal discount, BigDecimal tax, BigDecimal variance) {
    }

    @Transactional(readOnly = true)
    public void forEach(TransactionFilter filter, int max, Consumer<Sale> sink) {
        TransactionRow.Keyset after = null;
        int sent = 0;
        Map<Long, Branch> branches = new HashMap<>();
        while (sent < max) {
            Slice<TransactionRow> slice = queries.list(filter, PageRequest.of(0, Math.min(PAGE, max - sent)), after);
            if (slice.isEmpty()) {
                return;
            }
            List<TransactionRow> rows = slice.getContent();
            List<Long> ids = rows.stream().map(TransactionRow::id).toList();
            Map<Long, Amounts> amounts = new HashMap<>();
            jdbc.query("SELECT id, subtotal, discount_total, tax_total, price_variance FROM transactions WHERE id IN (:ids)",
                    Map.of("ids", ids), rs -> {
                        amounts.put(rs.getLong(1), new Amounts(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                                rs.getBigDecimal(5)));
                    });
            Map<Long, List<TransactionDetail.Line>> lines = lines(ids);
            Map<String, String> deviceNames = queries.deviceNames(rows.stream().map(TransactionRow::deviceId).distinct().toList());
            for (TransactionRow t : rows) {
                Branch b = branches.computeIfAbsent(t.branchId(), id -> catalog.branch(id).orElse(null));
                Amounts a = amounts.get(t.id());
                sink.accept(new Sale(t, b == null ? "" : b.getCode(), b == null ? "" : b.getName(), deviceNames.get(t.deviceId()),
                        a.subtotal(), a.discount(), a.tax(), a.variance(), t.replaced() ? queries.replacedBy(t) : null,
                        lines.getOrDefault(t.id(), List.of())));
            }
            sent += rows.size();
            if (!slice.hasNext()) {
                return;
            }
            after = rows.getLast().key();
        }
    }

    private Map<Long, List<TransactionDetail.Line>> lines(List<Long> ids) {
        record Raw(long sale, TransactionDetail.Line line) {
        }
        List<Raw> raw = jdbc.query("""
                SELECT transaction_id, line_no, product_id, quantity, unit_price, subtotal, server_unit_price
                FROM transaction_items WHERE transaction_id IN (:ids) ORDER BY transaction_id, line_no""",
                Map.of("ids", ids), (rs, i) -> new Raw(rs.getLong(1), new TransactionDetail.Line(rs.getInt(2), rs.getLong(3), null,
                        rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7))));
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
}
