package io.tillsync.sales;

import io.tillsync.catalog.Branch;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;
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
    private final SaleParts parts;

    TransactionExport(TransactionQueries queries, SaleParts parts) {
        this.queries = queries;
        this.parts = parts;
    }

    /** One sale as exported. */
    public record Sale(TransactionRow row, String branchCode, String branchName, String deviceName, BigDecimal subtotal,
                       BigDecimal discountTotal, BigDecimal taxTotal, BigDecimal priceVariance, String replacedBy,
                       List<TransactionDetail.Line> lines) {
    }

    @Transactional(readOnly = true)
    public void forEach(TransactionFilter filter, int max, Consumer<Sale> sink) {
        TransactionRow.Keyset after = null;
        int sent = 0;
        Map<Long, Optional<Branch>> branches = new HashMap<>();
        while (sent < max) {
            Slice<TransactionRow> slice = queries.list(filter, PageRequest.of(0, Math.min(PAGE, max - sent)), after);
            if (slice.isEmpty()) {
                return;
            }
            List<TransactionRow> rows = slice.getContent();
            List<Long> ids = rows.stream().map(TransactionRow::id).toList();
            Map<Long, SaleParts.Amounts> amounts = parts.amounts(ids);
            Map<Long, List<TransactionDetail.Line>> lines = parts.lines(ids);
            Map<String, String> deviceNames = queries.deviceNames(rows.stream().map(TransactionRow::deviceId).distinct().toList());
            for (TransactionRow t : rows) {
                Optional<Branch> b = branches.computeIfAbsent(t.branchId(), parts::branch);
                SaleParts.Amounts a = amounts.get(t.id());
                sink.accept(new Sale(t, b.map(Branch::code).orElse(""), b.map(Branch::name).orElse(""), deviceNames.get(t.deviceId()),
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
}
