package io.tillsync.sales.bench;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import io.tillsync.sales.TransactionFilter;
import io.tillsync.sales.TransactionQueries;
import io.tillsync.sales.TransactionRow;
import io.tillsync.support.ApiClient;
import io.tillsync.support.TestData;
import io.tillsync.support.UiTest;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

/**
 * Fills the database with a million sales and times the transactions view's queries on it,
 * writing the figures into docs/performance.md. Not part of the normal run:
 * {@code mvn -B -ntp test -Dtest=TransactionsViewBenchmark -Dtillsync.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "tillsync.benchmark", matches = "true")
class TransactionsViewBenchmark extends UiTest {

    static final int ROWS = Integer.getInteger("tillsync.benchmark.rows", 1_000_000);
    static final int DEVICES = 20;

    @Autowired
    TransactionQueries queries;

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
        openAndScrollBrowserless(50);
        long viewStart = System.nanoTime();
        openAndScrollBrowserless(50);
        double viewMillis = (System.nanoTime() - viewStart) / 1e6;
        results.add(new String[] {"Dashboard, then transactions view opened with its first page (server side)", String.format("%.1f", viewMillis), "50"});

        // memory: ten real browser sessions, each signed in, on the transactions view scrolled through 500 rows
        SessionMemory memory = sessionMemory("http://localhost:" + port, 10, 500);
        write(fillSeconds, results, memory);
    }

    /** Longer than Tomcat's keep-alive timeout (the connection timeout, 60 s by default). */
    static final java.time.Duration IDLE = java.time.Duration.ofSeconds(70);

    record SessionMemory(int sessions, long bytesPerSession, long idleBytesPerSession, List<String> topClasses) {
    }

    /**
     * Server heap held per open back-office session, as a real browser leaves it (see
     * {@link BrowserSessions}). One tab first pays for what every later one shares (classes, caches,
     * pools); the figure is the growth of the heap after full collections over the next
     * {@code sessions} tabs, divided by their number, with the classes that grew most.
     */
    private SessionMemory sessionMemory(String base, int sessions, int rows) throws Exception {
        Process browsers = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BrowserSessions.class.getName(), base, Integer.toString(sessions),
                Integer.toString(rows), Integer.toString(ROWS), TestData.ADMIN_PASSWORD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var out = new java.io.PrintWriter(browsers.getOutputStream(), true);
             var in = new java.io.BufferedReader(new java.io.InputStreamReader(browsers.getInputStream()))) {
            await(in, "warm");
            heapDump("before");
            // nothing of the measurement itself may be alive at either reading: the first histogram waits on disk
            long heapBefore = usedHeap();
            Path beforeFile = Path.of("target/bench/histogram-before.txt");
            Files.createDirectories(beforeFile.getParent());
            Files.writeString(beforeFile, histogramText());
            out.println("go");
            await(in, "open");
            long heapAfter = usedHeap();
            Path afterFile = Path.of("target/bench/histogram-after.txt");
            Files.writeString(afterFile, histogramText());
            heapDump("after");
            // the tabs stay open and idle until the server has closed their idle keep-alive connections
            Thread.sleep(IDLE.toMillis());
            long heapIdle = usedHeap();
            out.println("done");
            Map<String, long[]> before = histogram(Files.readString(beforeFile));
            Map<String, long[]> after = histogram(Files.readString(afterFile));
            List<String> top = after.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), new long[] {
                            e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                            e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                    .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                    .limit(60)
                    .map(e -> String.format("%8d instances %8.1f KiB per session  %s", e.getValue()[0] / sessions,
                            e.getValue()[1] / 1024.0 / sessions, e.getKey()))
                    .toList();
            return new SessionMemory(sessions, (heapAfter - heapBefore) / sessions, (heapIdle - heapBefore) / sessions, top);
        } finally {
            if (!browsers.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                browsers.destroyForcibly();
            }
        }
    }

    /** With -Dtillsync.benchmark.heapdump=true, heap dumps for a closer look land in target/bench. */
    private static void heapDump(String name) throws Exception {
        if (Boolean.getBoolean("tillsync.benchmark.heapdump")) {
            Files.createDirectories(Path.of("target/bench"));
            Files.deleteIfExists(Path.of("target/bench/" + name + ".hprof"));
            ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpHeap("target/bench/" + name + ".hprof", true);
        }
    }

    private static void await(java.io.BufferedReader in, String word) throws java.io.IOException {
        for (String line = in.readLine(); !word.equals(line); line = in.readLine()) {
            if (line == null) {
                throw new IllegalStateException("the browser sessions ended before saying " + word);
            }
            System.out.println(line);
        }
    }

    /** The class histogram after a full collection, as jcmd GC.class_histogram prints it. */
    private static String histogramText() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram", new Object[] {null},
                new String[] {String[].class.getName()});
    }

    /** Instances and bytes per class. */
    private static Map<String, long[]> histogram(String text) {
        Map<String, long[]> classes = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)").matcher(text);
        while (m.find()) {
            classes.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                    (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
        }
        return classes;
    }

    @SuppressWarnings("unchecked")
    private static void openAndScrollBrowserless(int rows) {
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

    private void write(double fillSeconds, List<String[]> results, SessionMemory memory) throws Exception {
        StringBuilder md = new StringBuilder("## Back-office\n\n");
        md.append("Transactions view on ").append(String.format("%,d", ROWS)).append(" sales (20 tills, 2 branches, one year), embedded ")
                .append("MariaDB on the build machine (2 shared cores). Filled in ").append(String.format("%.0f", fillSeconds))
                .append(" s. Server time of the service call behind each grid fetch, median of 7 after one warm-up; page size 50.\n\n");
        md.append("| Query | Median ms | Rows |\n|---|---:|---:|\n");
        for (String[] r : results) {
            md.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" |\n");
        }
        md.append("\nMemory: ").append(memory.sessions()).append(" sessions in real browser tabs (Chromium), each signed in, moved from ")
                .append("the dashboard to the transactions view and scrolled through 500 rows, the tabs left open, hold about **")
                .append(memory.bytesPerSession() / 1024).append(" KiB** of server heap per session right after scrolling, and **")
                .append(memory.idleBytesPerSession() / 1024).append(" KiB** after they sat idle for ").append(IDLE.toSeconds())
                .append(" s, longer than the keep-alive timeout (the push connection stays open). Heap after full ")
                .append("collections, one warm-up session first, the growth divided by the sessions; the classes that grew most are ")
                .append("written to `target/bench/session-histogram.txt`. The query figures above are for pages of 50; the grid itself ")
                .append("asks for pages of 25.\n\n")
                .append("Re-run: `mvn -B -ntp test -Dtest=TransactionsViewBenchmark -Dtillsync.benchmark=true` ")
                .append("(`-Dtillsync.benchmark.rows=N` for another size).\n");
        Files.createDirectories(Path.of("target/bench"));
        Files.write(Path.of("target/bench/session-histogram.txt"), memory.topClasses());
        System.out.println(String.join("\n", memory.topClasses()));
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
