package io.tillsync.sales.ui;

import io.tillsync.backoffice.Formats;
import io.tillsync.backoffice.Translations;
import io.tillsync.sales.TransactionDetail;
import io.tillsync.sales.TransactionExport;
import io.tillsync.sales.TransactionFilter;
import io.tillsync.sales.TransactionRow;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The filtered sales as CSV, in the same order as the grid, for a bookkeeper's spreadsheet.
 *
 * <p>One row per sale line, each row repeating its sale's columns: a spreadsheet then sorts,
 * filters and pivots by product or by sale without the lines being packed into one cell it cannot
 * take apart. Sum the line subtotals for product figures; for sale totals, take the rows of line 1.
 * Times are Western Indonesia time, as on the screens, written so spreadsheets read them as dates;
 * amounts are plain decimals so they sum. Headers and coded values are in the user's language.
 */
final class TransactionCsv {

    static final String ZONE = "WIB UTC+7";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> COLUMNS = List.of("transaction_code", "offline_reference", "status", "replaced_by",
            "branch_code", "branch_name", "device_id", "device_name", "created_at_device", "received_at", "channel",
            "payment_method", "subtotal", "discount_total", "tax_total", "grand_total", "price_variance", "conflict_id",
            "line_no", "product_id", "product_name", "quantity", "unit_price", "line_subtotal");

    private TransactionCsv() {
    }

    static String header(Locale locale) {
        return String.join(",", COLUMNS.stream().map(c -> cell(Translations.text("csv." + c, locale, ZONE))).toList());
    }

    static void write(TransactionExport export, TransactionFilter filter, int max, Locale locale, java.io.OutputStream out) {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        // the byte order mark tells spreadsheet programs the file is UTF-8: product names keep their accents
        w.print('\uFEFF');
        w.print(header(locale) + "\r\n");
        export.forEach(filter, max, s -> {
            List<String> sale = sale(s, locale);
            List<TransactionDetail.Line> lines = s.lines().isEmpty() ? java.util.Collections.singletonList(null) : s.lines();
            for (TransactionDetail.Line l : lines) {
                List<String> row = new ArrayList<>(sale);
                row.addAll(l == null ? List.of("", "", "", "", "", "") : List.of(Integer.toString(l.lineNo()), Long.toString(l.productId()),
                        cell(l.productName()), plain(l.quantity()), plain(l.unitPrice()), plain(l.subtotal())));
                w.print(String.join(",", row) + "\r\n");
            }
        });
        w.flush();
        if (w.checkError()) {
            throw new UncheckedIOException(new java.io.IOException("CSV export could not be written"));
        }
    }

    private static List<String> sale(TransactionExport.Sale s, Locale locale) {
        TransactionRow t = s.row();
        return Stream.of(cell(t.transactionCode()), cell(t.tillReference()), cell(Translations.code("txstatus.", t.status(), locale)),
                cell(s.replacedBy()), cell(s.branchCode()), cell(s.branchName()), cell(t.deviceId()), cell(s.deviceName()),
                time(t.createdAtDevice()), time(t.receivedAt()), cell(Translations.text(t.offline() ? "channel.offline" : "channel.online", locale)),
                cell(Translations.code("payment.", t.paymentMethod(), locale)), plain(s.subtotal()), plain(s.discountTotal()),
                plain(s.taxTotal()), plain(t.grandTotal()), plain(s.priceVariance()), cell(t.conflictId())).toList();
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(Formats.ZONE));
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().scale() <= 0 ? v.setScale(0, java.math.RoundingMode.UNNECESSARY).toPlainString()
                : v.toPlainString();
    }

    /** Quotes when needed, and defuses a leading = + - @ so a spreadsheet never runs a cell as a formula. */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
