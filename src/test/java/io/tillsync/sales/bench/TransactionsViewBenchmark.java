package io.tillsync.sales.bench;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import io.tillsync.sales.TransactionFilter;
import io.tillsync.sales.TransactionQueries;
import io.tillsync.sales.TransactionRow;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.TestData;
import io.tillsync.support.UiTest;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills the database with a million sales and times the transactions view's queries on it,
 * writing the figures into docs/performance.md. Not part of the normal run:
 * {@code mvn -B -ntp test -Dtest=TransactionsViewBenchmark -Dtillsync.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "tillsync.benchmark", matches = "true")
class TransactionsViewBenchmark extends UiTest {

    static final int ROWS = Integer.getInteger("tillsync.benchmark.rows", 1_000_000);
    static final int DEVICES = 20;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionQueries queries;
    @Autowired
    Fixtures fixtures;

    @Test
    void transactions_view_on_a_million_sales() throws Exception {
        ApiClient api = new ApiClient(port);
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            String id = "BENCH" + String.format("%03d", i);
            api.enroll(id, i % 2 == 0 ? TestData.BRANCH : TestData.OTHER_BRANCH);
            devices.add(id);
        }
        long fill = System.nanoTime();
        fill();
        double fillSeconds = (System.nanoTime() - fill) / 1e9;
        jdbc.execute("ANALYZE TABLE transactions");

        loginAdmin();
        long branch = fixtures.branchId(TestData.BRANCH);
        Instant now = Instant.now().truncatedTo(ChronoUnit.DAYS);
        String someReference = jdbc.queryForObject("SELECT offline_reference FROM transactions WHERE id = ?", String.class,
                1_000_000_000_000L + ROWS / 2);
        List<String[]> results = new ArrayList<>();
        results.add(time("First page, all branches (admin)", () -> queries.list(TransactionFilter.ALL, PageRequest.of(0, 50), null).getContent()));
        results.add(time("First page, one branch", () -> queries.list(TransactionFilter.ALL.withBranchId(branch), PageRequest.of(0, 50), null)
                .getContent()));
        results.add(time("One branch, last 30 days, voided, DEBIT (1 row in 100)", () -> queries.list(TransactionFilter.ALL.withBranchId(branch)
                .withFrom(now.minus(30, ChronoUnit.DAYS)).withStatus("voided").withPaymentMethod("DEBIT"), PageRequest.of(0, 50), null)
                .getContent()));
        results.add(time("One device", () -> queries.list(TransactionFilter.ALL.withDeviceId(devices.get(3)), PageRequest.of(0, 50), null)
                .getContent()));
        results.add(time("Search by offline reference", () -> queries.list(TransactionFilter.ALL.withSearch(someReference),
                PageRequest.of(0, 50), null).getContent()));
        List<TransactionRow> deep = queries.list(TransactionFilter.ALL, PageRequest.of(199, 50), null).getContent();
        TransactionRow.Keyset after = deep.getLast().key();
        results.add(time("Page 201 by keyset (continuing a scroll)", () -> queries.list(TransactionFilter.ALL, PageRequest.of(200, 50), after)
                .getContent()));
        results.add(time("Page 201 by OFFSET (a jump, for comparison)", () -> queries.list(TransactionFilter.ALL, PageRequest.of(200, 50), null)
                .getContent()));
        String manager = fixtures.manager(TestData.BRANCH, TestData.OTHER_BRANCH);
        login(manager, "MANAGER");
        results.add(time("First page, manager of two branches", () -> queries.list(TransactionFilter.ALL, PageRequest.of(0, 50), null)
                .getContent()));

        // the view as a user meets it: opened (after one warm-up) and its first page fetched
        loginAdmin();
        openAndScroll(50);
        long viewStart = System.nanoTime();
        openAndScroll(50);
        double viewMillis = (System.nanoTime() - viewStart) / 1e6;
        results.add(new String[] {"Dashboard, then transactions view opened with its first page (server side)", String.format("%.1f", viewMillis), "50"});

        // memory: ten more sessions kept alive, each with the view scrolled through 500 rows
        List<Object> sessions = new ArrayList<>();
        long before = usedHeap();
        for (int i = 0; i < 10; i++) {
            newSession();
            loginAdmin();
            openAndScroll(500);
            sessions.add(com.vaadin.flow.server.VaadinSession.getCurrent());
        }
        long perSession = (usedHeap() - before) / sessions.size();
        write(fillSeconds, results, perSession, !sessions.isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static void openAndScroll(int rows) {
        UI.getCurrent().navigate("");
        UI.getCurrent().navigate("transactions");
        Grid<TransactionRow> grid = _get(Grid.class);
        for (int offset = 0; offset < rows; offset += 50) {
            GridKt._fetch(grid, offset, 50);
        }
    }

    private void fill() {
        long[] pks = jdbc.queryForList("SELECT id FROM devices WHERE device_id LIKE 'BENCH%' ORDER BY device_id", Long.class)
                .stream().mapToLong(Long::longValue).toArray();
        long[] branches = jdbc.queryForList("SELECT branch_id FROM devices WHERE device_id LIKE 'BENCH%' ORDER BY device_id", Long.class)
                .stream().mapToLong(Long::longValue).toArray();
        StringBuilder pk = new StringBuilder("ELT(1 + MOD(seq, " + DEVICES + ")");
        StringBuilder br = new StringBuilder("ELT(1 + MOD(seq, " + DEVICES + ")");
        for (int i = 0; i < DEVICES; i++) {
            pk.append(", ").append(pks[i]);
            br.append(", ").append(branches[i]);
        }
        pk.append(")");
        br.append(")");
        // one year of sales, newest now, from MariaDB's sequence engine: a million rows in one statement per chunk
        int chunk = 100_000;
        for (int start = 1; start <= ROWS; start += chunk) {
            int end = Math.min(ROWS, start + chunk - 1);
            jdbc.update("""
                    INSERT INTO transactions (id, transaction_code, offline_id, offline_reference, device_id, device_pk, branch_id,
                      created_at_device, received_at, is_offline, payment_method, subtotal, discount_total, tax_total, grand_total,
                      status, fingerprint, raw_json)
                    SELECT 1000000000000 + seq, CONCAT('TRX-BENCH-', seq), CONCAT('bench-', seq),
                      CONCAT('BENCH', LPAD(MOD(seq, %d), 3, '0'), '-', seq), CONCAT('BENCH', LPAD(MOD(seq, %d), 3, '0')), %s, %s,
                      UTC_TIMESTAMP(6) - INTERVAL (%d - seq) * 31 SECOND, UTC_TIMESTAMP(6) - INTERVAL (%d - seq) * 31 SECOND + INTERVAL 5 SECOND,
                      MOD(seq, 3) <> 0, ELT(1 + MOD(seq, 4), 'CASH', 'QRIS', 'DEBIT', 'CASH'), 30000, 0, 3000, 33000,
                      IF(MOD(seq, 50) = 0, 'voided', 'paid'), SHA2(seq, 256), '{"bench":true}'
                    FROM seq_%d_to_%d""".formatted(DEVICES, DEVICES, pk, br, ROWS, ROWS, start, end));
        }
    }

    private static String[] time(String what, Supplier<List<TransactionRow>> query) {
        query.get();
        double[] ms = new double[7];
        int rows = 0;
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            rows = query.get().size();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new String[] {what, String.format("%.1f", ms[ms.length / 2]), Integer.toString(rows)};
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    private void write(double fillSeconds, List<String[]> results, long sessionBytes, boolean attached) throws Exception {
        StringBuilder md = new StringBuilder("## Back-office\n\n");
        md.append("Transactions view on ").append(String.format("%,d", ROWS)).append(" sales (20 tills, 2 branches, one year), embedded ")
                .append("MariaDB on the build machine (2 shared cores). Filled in ").append(String.format("%.0f", fillSeconds))
                .append(" s. Server time of the service call behind each grid fetch, median of 7 after one warm-up; page size 50.\n\n");
        md.append("| Query | Median ms | Rows |\n|---|---:|---:|\n");
        for (String[] r : results) {
            md.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" |\n");
        }
        md.append("\nMemory: ten sessions each holding the transactions view scrolled through 500 rows retain about ")
                .append(sessionBytes / 1024).append(" KiB of heap per session (heap after full collections, divided by ten).\n\n")
                .append("Re-run: `mvn -B -ntp test -Dtest=TransactionsViewBenchmark -Dtillsync.benchmark=true` ")
                .append("(`-Dtillsync.benchmark.rows=N` for another size).\n");
        Path doc = Path.of("docs/performance.md");
        String text = Files.exists(doc) ? Files.readString(doc) : "# Performance\n\n";
        int at = text.indexOf("## Back-office");
        if (at >= 0) {
            int next = text.indexOf("\n## ", at + 3);
            text = text.substring(0, at) + md + (next >= 0 ? text.substring(next + 1) : "");
        } else {
            text = text + (text.endsWith("\n\n") ? "" : "\n") + md;
        }
        Files.writeString(doc, text);
        System.out.println(md);
    }
}
