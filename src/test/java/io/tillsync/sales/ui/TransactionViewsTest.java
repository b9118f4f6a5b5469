package io.tillsync.sales.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import io.tillsync.backoffice.Translations;
import io.tillsync.sales.TransactionExport;
import io.tillsync.sales.TransactionFilter;
import io.tillsync.sales.TransactionQueries;
import io.tillsync.sales.TransactionRow;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import io.tillsync.support.UiTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;

class TransactionViewsTest extends UiTest {

    @Autowired
    TransactionQueries queries;
    @Autowired
    TransactionExport export;

    /** Books sales on a new till of the branch and returns their offline references, oldest first. */
    private List<String> sell(String branch, int count) {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, branch);
        List<Map<String, Object>> sales = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Map<String, Object> s = Sales.sale(device, i, 1238, 1, 15000);
            s.put("branch_code", branch);
            s.put("created_at_device", "2025-10-13T10:%02d:00Z".formatted(i));
            sales.add(s);
        }
        ApiClient.Response r = api.sync(token, Sales.batch(device, sales));
        assertThat(r.data().get("success").asBoolean()).as(r.raw()).isTrue();
        return sales.stream().map(s -> (String) s.get("offline_reference")).toList();
    }

    @SuppressWarnings("unchecked")
    private List<TransactionRow> shown() {
        return GridKt._fetch((Grid<TransactionRow>) _get(Grid.class), 0, 2000);
    }

    @Test
    void manager_finds_a_sale_of_their_branch_by_offline_reference_and_never_another_branchs() {
        List<String> mine = sell(TestData.BRANCH, 2);
        List<String> other = sell(TestData.OTHER_BRANCH, 1);
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
        UI.getCurrent().navigate("transactions");

        assertThat(shown()).extracting(TransactionRow::offlineReference).contains(mine.get(0), mine.get(1)).doesNotContain(other.getFirst());
        _setValue(_get(TextField.class, s -> s.withId("transaction-search")), mine.get(1));
        assertThat(shown()).extracting(TransactionRow::offlineReference).containsExactly(mine.get(1));
        _setValue(_get(TextField.class, s -> s.withId("transaction-search")), other.getFirst());
        assertThat(shown()).isEmpty();
    }

    @Test
    void keyset_pages_walk_the_same_rows_as_offset_pages_newest_first() {
        List<String> refs = sell(TestData.BRANCH, 5);
        String device = refs.getFirst().substring(0, refs.getFirst().indexOf('-'));
        loginAdmin();
        TransactionFilter filter = TransactionFilter.ALL.withDeviceId(device);
        List<String> walked = new ArrayList<>();
        TransactionRow.Keyset after = null;
        Slice<TransactionRow> page;
        do {
            page = queries.list(filter, PageRequest.of(0, 2), after);
            page.forEach(t -> walked.add(t.offlineReference()));
            after = page.isEmpty() ? null : page.getContent().getLast().key();
        } while (page.hasNext());
        List<String> byOffset = queries.list(filter, PageRequest.of(0, 10), null).map(TransactionRow::offlineReference).getContent();

        assertThat(walked).containsExactlyElementsOf(refs.reversed()).containsExactlyElementsOf(byOffset);
    }

    @Test
    void manager_of_two_branches_sees_both_merged_newest_first() {
        List<String> one = sell(TestData.BRANCH, 2);
        List<String> two = sell(TestData.OTHER_BRANCH, 2);
        loginAdmin();
        String both = fixtures.manager(TestData.BRANCH, TestData.OTHER_BRANCH);
        login(both, "MANAGER");
        List<TransactionRow> rows = queries.list(TransactionFilter.ALL, PageRequest.of(0, 2000), null).getContent();

        assertThat(rows).extracting(TransactionRow::offlineReference).contains(one.get(0), one.get(1), two.get(0), two.get(1));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i - 1).createdAtDevice()).isAfterOrEqualTo(rows.get(i).createdAtDevice());
        }
    }

    @Test
    void detail_shows_lines_and_raw_document_and_another_branchs_sale_is_not_found() {
        sell(TestData.BRANCH, 1);
        String other = sell(TestData.OTHER_BRANCH, 1).getFirst();
        loginAdmin();
        long mineId = queries.list(TransactionFilter.ALL.withBranchId(fixtures.branchId(TestData.BRANCH)), PageRequest.of(0, 1), null)
                .getContent().getFirst().id();
        long otherId = queries.list(TransactionFilter.ALL.withSearch(other), PageRequest.of(0, 1), null).getContent().getFirst().id();
        login(fixtures.manager(TestData.BRANCH), "MANAGER");

        UI.getCurrent().navigate("transactions/" + mineId);
        assertThat(GridKt._size(_get(Grid.class, s -> s.withId("transaction-lines")))).isEqualTo(1);
        // the branch and the till by the names people know them by, not by their codes alone
        List<String> spans = _find(Span.class).stream().map(Span::getText).toList();
        TransactionRow mine = queries.find(mineId).orElseThrow().row();
        assertThat(spans).contains("Outlet Senopati (" + TestData.BRANCH + ")", "Till " + mine.deviceId());
        assertThat(_get(Pre.class, s -> s.withId("transaction-raw")).getText()).contains("offline_reference");

        UI.getCurrent().navigate("transactions/" + otherId);
        assertThat(_get(H2.class, s -> s.withId("transaction-not-found")).getText()).isEqualTo("Transaction not found");
        assertThat(_find(Pre.class)).isEmpty();
    }

    @Test
    void csv_export_writes_the_filtered_rows_and_defuses_formulas() {
        List<String> refs = sell(TestData.BRANCH, 3);
        String device = refs.getFirst().substring(0, refs.getFirst().indexOf('-'));
        login(fixtures.manager(TestData.BRANCH), "MANAGER");

        List<String> lines = csv(TransactionFilter.ALL.withDeviceId(device), Translations.ENGLISH);

        assertThat(lines).hasSize(4);
        assertThat(lines.getFirst()).isEqualTo(TransactionCsv.header(Translations.ENGLISH));
        assertThat(lines.get(1)).contains("," + refs.get(2) + ",").contains(",16500,");
        assertThat(TransactionCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    }

    /**
     * A bookkeeper's file: branch and till by name, the till's time in WIB with the zone named in
     * the header, every amount, one row per line, headers in the user's language.
     */
    @Test
    void csv_export_has_a_row_per_line_with_names_local_time_and_every_amount() {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        Map<String, Object> sale = Sales.sale(device, "20251013", 1, List.of(Sales.line(1238, 2, 15000), Sales.line(1240, 1, 5000)));
        sale.put("discount_total", 1000);
        sale.put("tax_total", 3400);
        sale.put("grand_total", 37400);
        assertThat(api.sync(token, Sales.batch(device, List.of(sale))).data().get("success").asBoolean()).isTrue();
        login(fixtures.manager(TestData.BRANCH), "MANAGER");

        List<String> english = csv(TransactionFilter.ALL.withDeviceId(device), Translations.ENGLISH);
        List<String> header = List.of(english.getFirst().split(","));
        assertThat(header).contains("Branch code", "Branch", "Till", "Till name", "Sold at the till (WIB UTC+7)", "Subtotal", "Discount",
                "Tax", "Grand total", "Line", "Product", "Quantity", "Unit price", "Line subtotal").doesNotContain("branch_id");
        assertThat(english).hasSize(3);
        Map<String, String> first = row(header, english.get(1));
        Map<String, String> second = row(header, english.get(2));
        assertThat(first).containsEntry("Branch code", TestData.BRANCH).containsEntry("Till", device)
                .containsEntry("Sold at the till (WIB UTC+7)", "2025-10-13 17:30:00").containsEntry("Offline reference",
                        (String) sale.get("offline_reference"))
                .containsEntry("Subtotal", "35000").containsEntry("Discount", "1000").containsEntry("Tax", "3400")
                .containsEntry("Grand total", "37400").containsEntry("Payment method", "Cash").containsEntry("Status", "Paid")
                .containsEntry("Line", "1").containsEntry("Product id", "1238").containsEntry("Quantity", "2")
                .containsEntry("Unit price", "15000").containsEntry("Line subtotal", "30000");
        assertThat(first.get("Branch")).isNotBlank();
        assertThat(first.get("Till name")).isNotBlank();
        assertThat(second).containsEntry("Line", "2").containsEntry("Product id", "1240").containsEntry("Grand total", "37400");

        List<String> indonesian = csv(TransactionFilter.ALL.withDeviceId(device), Translations.INDONESIAN);
        assertThat(indonesian.getFirst()).startsWith("Kode transaksi,Referensi luring,Status").contains("Waktu jual di kasir (WIB UTC+7)");
        assertThat(row(List.of(indonesian.getFirst().split(",")), indonesian.get(1))).containsEntry("Metode pembayaran", "Tunai")
                .containsEntry("Status", "Lunas");
    }

    /**
     * A till that rings up a different sale under a reference already used: once a manager keeps the
     * till's version, the first sale stays beside the new one, marked replaced.
     */
    @Test
    void a_replaced_sale_shows_the_tills_reference_and_the_sale_that_replaced_it_and_can_be_filtered() {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        Map<String, Object> first = Sales.sale(device, 1, 1238, 1, 15000);
        api.sync(token, Sales.batch(device, List.of(first)));
        Map<String, Object> again = Sales.sale(device, 1, 1240, 2, 5000);
        String conflict = api.sync(token, Sales.batch(device, List.of(again))).data().get("conflicts").get(0).get("conflict_id").asString();
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
        UI.getCurrent().navigate("conflicts/" + conflict);
        _setValue(_get(com.vaadin.flow.component.textfield.TextArea.class, s -> s.withId("resolve-comment")), "Rung up again");
        _click(_get(com.vaadin.flow.component.button.Button.class, s -> s.withId("keep-local")));
        _find(com.vaadin.flow.component.button.Button.class, s -> s.withId("confirm-yes")).forEach(b -> _click(b));
        List<TransactionRow> sales = queries.list(TransactionFilter.ALL.withDeviceId(device), PageRequest.of(0, 10), null).getContent();
        TransactionRow replaced = sales.stream().filter(TransactionRow::replaced).findFirst().orElseThrow();
        TransactionRow current = sales.stream().filter(t -> !t.replaced()).findFirst().orElseThrow();
        String reference = (String) first.get("offline_reference");

        UI.getCurrent().navigate("transactions");
        _setValue(_get(TextField.class, s -> s.withId("transaction-search")), reference);
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.select.Select<String> status = _get(com.vaadin.flow.component.select.Select.class,
                s -> s.withLabel("Status"));
        assertThat(status.getListDataView().getItems()).contains("replaced");
        _setValue(status, "replaced");
        assertThat(shown()).extracting(TransactionRow::id).containsExactly(replaced.id());
        @SuppressWarnings("unchecked")
        Grid<TransactionRow> grid = _get(Grid.class);
        assertThat(String.join(" | ", GridKt._getFormattedRow(grid, replaced))).contains("Replaced", reference).doesNotContain("#");

        UI.getCurrent().setLocale(Translations.INDONESIAN);
        UI.getCurrent().navigate("transactions/" + replaced.id());
        assertThat(_get(TransactionView.class).getElement().getTextRecursively())
                .contains(reference + " (diganti dengan " + current.transactionCode() + ")").contains("Diganti")
                .doesNotContain("#replaced");
    }

    @Test
    void the_sales_list_opens_with_the_status_till_and_search_of_its_address() {
        List<String> refs = sell(TestData.BRANCH, 2);
        String device = refs.getFirst().substring(0, refs.getFirst().indexOf('-'));
        login(fixtures.manager(TestData.BRANCH), "MANAGER");

        UI.getCurrent().navigate("transactions", com.vaadin.flow.router.QueryParameters.simple(
                Map.of("device", device, "status", "paid", "q", refs.get(1))));

        assertThat(_get(TextField.class, s -> s.withId("transaction-search")).getValue()).isEqualTo(refs.get(1));
        assertThat(shown()).extracting(TransactionRow::offlineReference).containsExactly(refs.get(1));
        UI.getCurrent().navigate("transactions", com.vaadin.flow.router.QueryParameters.simple(Map.of("device", device, "status", "voided")));
        assertThat(shown()).isEmpty();
        @SuppressWarnings("unchecked")
        Grid<TransactionRow> grid = _get(Grid.class);
        assertThat(grid.getEmptyStateText()).startsWith("No sale matches these filters");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_sales_list_keeps_its_dates_branch_channel_and_payment_method_in_its_address_and_ignores_values_it_would_not_offer() {
        ApiClient api = new ApiClient(port);
        String till = Sales.newDeviceId();
        String token = api.enroll(till, TestData.BRANCH);
        Map<String, Object> qrisOnline = Sales.sale(till, "20251013", 1, List.of(Sales.line(1238, 1, 15000)));
        qrisOnline.put("payment_method", "QRIS");
        qrisOnline.put("is_offline", false);
        Map<String, Object> cashOffline = Sales.sale(till, "20251013", 2, List.of(Sales.line(1238, 1, 15000)));
        Map<String, Object> qrisLater = Sales.sale(till, "20251020", 3, List.of(Sales.line(1238, 1, 15000)));
        qrisLater.put("payment_method", "QRIS");
        qrisLater.put("is_offline", false);
        assertThat(api.sync(token, Sales.batch(till, List.of(qrisOnline, cashOffline, qrisLater))).data().get("success").asBoolean()).isTrue();
        login(fixtures.manager(TestData.BRANCH), "MANAGER");

        UI.getCurrent().navigate("transactions", com.vaadin.flow.router.QueryParameters.simple(Map.of("device", till,
                "branch", TestData.BRANCH, "from", "2025-10-13", "to", "2025-10-13", "channel", "online", "method", "QRIS")));

        assertThat(_get(com.vaadin.flow.component.combobox.ComboBox.class, s -> s.withId("filter-branch")).getValue())
                .extracting(b -> ((io.tillsync.catalog.Branch) b).code()).isEqualTo(TestData.BRANCH);
        assertThat(_get(com.vaadin.flow.component.datepicker.DatePicker.class, s -> s.withId("filter-from")).getValue())
                .isEqualTo(java.time.LocalDate.of(2025, 10, 13));
        assertThat(_get(com.vaadin.flow.component.datepicker.DatePicker.class, s -> s.withId("filter-to")).getValue())
                .isEqualTo(java.time.LocalDate.of(2025, 10, 13));
        assertThat(_get(com.vaadin.flow.component.select.Select.class, s -> s.withId("filter-channel")).getValue()).isEqualTo("online");
        assertThat(_get(com.vaadin.flow.component.combobox.ComboBox.class, s -> s.withId("filter-payment")).getValue()).isEqualTo("QRIS");
        assertThat(shown()).extracting(TransactionRow::offlineReference).containsExactly((String) qrisOnline.get("offline_reference"));

        // changing a field writes the whole filter back into the address
        UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations();
        _setValue(_get(com.vaadin.flow.component.select.Select.class, s -> s.withId("filter-channel")), "offline");
        _setValue(_get(com.vaadin.flow.component.combobox.ComboBox.class, s -> s.withId("filter-payment")), "CASH");
        assertThat(lastAddress()).contains("branch=" + TestData.BRANCH, "device=" + till, "from=2025-10-13", "to=2025-10-13",
                "channel=offline", "method=CASH");
        assertThat(shown()).extracting(TransactionRow::offlineReference).containsExactly((String) cashOffline.get("offline_reference"));

        // a hand-typed address with values the page would not offer: ignored, the list opens with the rest
        UI.getCurrent().navigate("transactions", com.vaadin.flow.router.QueryParameters.simple(Map.of("device", till,
                "branch", TestData.OTHER_BRANCH, "from", "2025-13-45", "to", "yesterday", "channel", "sideways",
                "method", "<b>CASH</b>")));
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("transactions");
        assertThat(_get(com.vaadin.flow.component.combobox.ComboBox.class, s -> s.withId("filter-branch")).getValue()).isNull();
        assertThat(_get(com.vaadin.flow.component.datepicker.DatePicker.class, s -> s.withId("filter-from")).getValue()).isNull();
        assertThat(_get(com.vaadin.flow.component.datepicker.DatePicker.class, s -> s.withId("filter-to")).getValue()).isNull();
        assertThat(_get(com.vaadin.flow.component.select.Select.class, s -> s.withId("filter-channel")).getValue()).isEqualTo("");
        assertThat(_get(com.vaadin.flow.component.combobox.ComboBox.class, s -> s.withId("filter-payment")).getValue()).isNull();
        assertThat(shown()).extracting(TransactionRow::offlineReference).containsExactlyInAnyOrder((String) qrisOnline.get("offline_reference"),
                (String) cashOffline.get("offline_reference"), (String) qrisLater.get("offline_reference"));
    }

    /** The address the list last wrote into the browser's history, before the next round trip sends it. */
    private static String lastAddress() {
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(js -> js.getInvocation().getParameters().toString()).filter(p -> p.contains("transactions?"))
                .reduce((a, b) -> b).orElse("");
    }

    private List<String> csv(TransactionFilter filter, java.util.Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransactionCsv.write(export, filter, 100, locale, out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        return text.substring(1).lines().toList();
    }

    private static Map<String, String> row(List<String> header, String line) {
        String[] cells = line.split(",", -1);
        assertThat(cells).hasSameSizeAs(header);
        Map<String, String> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            row.put(header.get(i), cells[i]);
        }
        return row;
    }
}
