package io.tillsync.sales.ui;

import io.tillsync.sales.TransactionFilter;
import io.tillsync.sales.TransactionQueries;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The filtered sales as CSV, in the same order as the grid; amounts as plain decimals so spreadsheets can sum them. */
final class TransactionCsv {

    static final String HEADER = "transaction_code,offline_reference,branch_id,device_id,created_at_device,received_at,"
            + "is_offline,payment_method,grand_total,status,conflict_id";

    private TransactionCsv() {
    }

    static void write(TransactionQueries queries, TransactionFilter filter, int max, java.io.OutputStream out) {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.println(HEADER);
        queries.forEach(filter, max, t -> w.println(String.join(",", cell(t.transactionCode()), cell(t.offlineReference()),
                Long.toString(t.branchId()), cell(t.deviceId()), t.createdAtDevice().toString(), t.receivedAt().toString(),
                Boolean.toString(t.offline()), cell(t.paymentMethod()), t.grandTotal().toPlainString(), cell(t.status()),
                cell(t.conflictId()))));
        w.flush();
        if (w.checkError()) {
            throw new UncheckedIOException(new java.io.IOException("CSV export could not be written"));
        }
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
