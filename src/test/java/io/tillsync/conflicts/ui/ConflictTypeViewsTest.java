package io.tillsync.conflicts.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.tillsync.backoffice.Translations;
import io.tillsync.catalog.CatalogService;
import io.tillsync.conflicts.ConflictSummary;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import io.tillsync.support.UiTest;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each conflict type's own view, and what each way of settling it says and does. */
class ConflictTypeViewsTest extends UiTest {

    private String status(String conflictId) {
        return jdbc.queryForObject("SELECT status FROM offline_conflicts WHERE conflict_id = ?", String.class, conflictId);
    }

    private void open(String conflictId, boolean indonesian) {
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
        if (indonesian) {
            UI.getCurrent().setLocale(Translations.INDONESIAN);
        }
        UI.getCurrent().navigate("conflicts/" + conflictId);
    }

    private String effect(String id) {
        return _get(Span.class, s -> s.withId(id + "-effect")).getText();
    }

    private void comment(String text) {
        _setValue(_get(TextArea.class, s -> s.withId("resolve-comment")), text);
    }

    @Test
    void mismatch_shows_the_differences_first_explains_the_servers_computation_and_keep_server_books_it_with_the_variance() {
        Fixtures.Raised raised = Fixtures.totalsMismatch(new ApiClient(port), TestData.BRANCH);
        open(raised.conflictId(), false);

        assertThat(_get(Div.class, s -> s.withId("mismatch-differences")).getElement().getTextRecursively())
                .contains("Grand total").contains("till Rp 39,000 · server Rp 38,500")
                .doesNotContain("Price variance").doesNotContain("Server id");
        assertThat(_get(Paragraph.class, s -> s.withId("mismatch-explained")).getText()).contains("grand total Rp 38,500");
        assertThat(effect("keep-server")).isEqualTo("Books the sale as the server computes it: Rp 38,500. The difference to what "
                + "the till collected (Rp 500) is recorded as a variance on the sale.");
        assertThat(effect("keep-local")).isEqualTo("Books the till's sale as sent: Rp 39,000.");

        comment("Till rounded up");
        _click(_get(Button.class, s -> s.withId("keep-server")));

        assertThat(_find(com.vaadin.flow.component.dialog.Dialog.class)).as("booking the server's version needs no confirmation").isEmpty();
        assertThat(status(raised.conflictId())).isEqualTo("resolved");
        Map<String, Object> booked = jdbc.queryForMap("SELECT grand_total, price_variance FROM transactions WHERE offline_reference = ?",
                raised.offlineReference());
        assertThat((BigDecimal) booked.get("grand_total")).isEqualByComparingTo("38500");
        assertThat((BigDecimal) booked.get("price_variance")).isEqualByComparingTo("500");
        assertThat(_get(Paragraph.class, s -> s.withId("conflict-settled")).getText()).isEqualTo("Settled: a sale is booked.");
        assertThat(_get(com.vaadin.flow.component.html.Anchor.class, s -> s.withId("conflict-sale")).getHref()).startsWith("transactions/");
        assertThat(_get(com.vaadin.flow.component.html.Anchor.class, s -> s.withId("conflict-device")).getHref())
                .isEqualTo("devices/" + raised.deviceId());
    }

    @Test
    void in_indonesian_the_effects_name_the_amounts_in_rupiah_with_dots() {
        Fixtures.Raised raised = Fixtures.totalsMismatch(new ApiClient(port), TestData.BRANCH);
        open(raised.conflictId(), true);

        assertThat(effect("keep-server")).isEqualTo("Membukukan penjualan sesuai hitungan server: Rp 38.500. Selisih dengan yang "
                + "diterima kasir (Rp 500) dicatat sebagai selisih harga pada penjualan.");
        assertThat(_get(Button.class, s -> s.withId("keep-local")).getText()).isEqualTo("Pakai versi kasir");
    }

    @Test
    void duplicate_keep_local_names_the_booked_sale_it_reverses_and_asks_first() {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        Map<String, Object> sale = Sales.sale(device, 1, 1243, 1, 27000);
        api.sync(token, Sales.batch(device, List.of(sale)));
        String code = jdbc.queryForObject("SELECT transaction_code FROM transactions WHERE device_id = ?", String.class, device);
        Map<String, Object> changed = new LinkedHashMap<>(sale);
        changed.put("items", List.of(Sales.line(1243, 3, 27000)));
        changed.put("subtotal", 81000);
        changed.put("tax_total", 8100);
        changed.put("grand_total", 89100);
        String conflict = api.sync(token, Sales.batch(device, List.of(changed))).data().get("conflicts").get(0).get("conflict_id").asString();
        open(conflict, false);

        assertThat(_find(com.vaadin.flow.component.orderedlayout.VerticalLayout.class, s -> s.withId("view-duplicate"))).hasSize(1);
        assertThat(effect("keep-local")).startsWith("Reverses booked sale " + code + " (Rp ").endsWith("and books the till's: Rp 89,100.");
        assertThat(effect("keep-server")).startsWith("Keeps booked sale " + code);
        comment("The second ring-up is the right one");

        _click(_get(Button.class, s -> s.withId("keep-local")));
        assertThat(_get(Paragraph.class, s -> s.withId("confirm-effect")).getText()).isEqualTo(effect("keep-local"));
        _click(_get(Button.class, s -> s.withId("confirm-no")));
        assertThat(status(conflict)).as("cancelled: nothing changed").isEqualTo("open");

        _click(_get(Button.class, s -> s.withId("keep-local")));
        _click(_get(Button.class, s -> s.withId("confirm-yes")));
        assertThat(status(conflict)).isEqualTo("resolved");
        assertThat(jdbc.queryForObject("SELECT grand_total FROM transactions WHERE device_id = ?", BigDecimal.class, device))
                .isEqualByComparingTo("89100");
    }

    @Test
    void unknown_product_reads_as_the_rule_offers_no_keep_local_warns_on_reject_and_is_fixed_with_a_product_picker() {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        Map<String, Object> sale = Sales.sale(device, "20251013", 1, List.of(Sales.line(99999, 1, 10000), Sales.line(1240, 3, 5000)));
        ApiClient.Response r = api.sync(token, Sales.batch(device, List.of(sale)));
        String conflict = r.data().get("conflicts").get(0).get("conflict_id").asString();
        assertThat(jdbc.queryForObject("SELECT server_data FROM offline_conflicts WHERE conflict_id = ?", String.class, conflict))
                .as("the unknown line still counts in the till's sum").doesNotContain("subtotal_mismatch");
        open(conflict, false);

        String page = _get(RuleBreakPanel.class).getElement().getTextRecursively();
        assertThat(page).contains("Every product sold must be in the branch's catalog").contains("Unknown product (99999)")
                .doesNotContain("unknown_product").doesNotContain("{").doesNotContain("issues");
        assertThat(_find(Button.class, s -> s.withId("keep-local"))).isEmpty();
        assertThat(_find(Paragraph.class, s -> s.withId("keep-local-impossible"))).hasSize(1);
        assertThat(effect("keep-server")).contains("Rejects the till's sale: nothing is booked; the till is told.")
                .contains("will not be in the books");

        comment("Cashier keyed the wrong code");
        @SuppressWarnings("unchecked")
        ComboBox<CatalogService.CatalogEntry> picker = _get(ComboBox.class, s -> s.withId("rule-product"));
        assertThat(picker.getLabel()).as("a product id is no amount: no grouping").endsWith("(instead of 99999)");
        CatalogService.CatalogEntry meant = picker.getListDataView().getItems().filter(e -> e.productId() == 1238).findFirst().orElseThrow();
        _setValue(picker, meant);
        assertThat(_get(Button.class, s -> s.withId("rule-book")).isEnabled()).isTrue();
        _click(_get(Button.class, s -> s.withId("rule-book")));

        assertThat(status(conflict)).isEqualTo("resolved");
        assertThat(jdbc.queryForList("SELECT i.product_id FROM transaction_items i JOIN transactions t ON t.id = i.transaction_id "
                + "WHERE t.device_id = ? ORDER BY i.line_no", Long.class, device)).containsExactly(1238L, 1240L);
    }

    @Test
    void rejecting_a_rule_break_asks_first_and_books_nothing() {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        String conflict = api.sync(token, Sales.batch(device, List.of(Sales.sale(device, 1, 99999, 1, 1000))))
                .data().get("conflicts").get(0).get("conflict_id").asString();
        open(conflict, false);
        comment("Test sale");

        _click(_get(Button.class, s -> s.withId("keep-server")));
        assertThat(status(conflict)).isEqualTo("open");
        _click(_get(Button.class, s -> s.withId("confirm-yes")));

        assertThat(status(conflict)).isEqualTo("resolved");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM transactions WHERE device_id = ?", Integer.class, device)).isZero();
        assertThat(_get(Paragraph.class, s -> s.withId("conflict-settled")).getText()).isEqualTo("Settled: nothing was booked.");
    }

    @Test
    void the_tab_that_lost_the_race_shows_the_outcome_instead_of_buttons() {
        Fixtures.Raised raised = Fixtures.totalsMismatch(new ApiClient(port), TestData.BRANCH);
        open(raised.conflictId(), false);
        ConflictView view = _get(ConflictView.class);
        new ApiClient(port).post("/api/v1/pos/offline/conflicts/" + raised.conflictId() + "/resolve", ApiClient.adminAuth(),
                "{\"strategy\":\"keep_local\"}");

        comment("Me too");
        _click(_get(Button.class, s -> s.withId("keep-server")));

        assertThat(_find(Button.class, s -> s.withId("keep-server"))).isEmpty();
        assertThat(_get(Paragraph.class, s -> s.withId("conflict-settled")).getText()).isEqualTo("Settled: a sale is booked.");
        view.refreshIfSettledElsewhere();
        assertThat(_find(Button.class, s -> s.withId("keep-local"))).isEmpty();
    }

    @Test
    void an_open_tab_learns_of_a_resolution_made_elsewhere_on_its_next_refresh() {
        Fixtures.Raised raised = Fixtures.totalsMismatch(new ApiClient(port), TestData.BRANCH);
        open(raised.conflictId(), false);
        ConflictView view = _get(ConflictView.class);
        new ApiClient(port).post("/api/v1/pos/offline/conflicts/" + raised.conflictId() + "/resolve", ApiClient.adminAuth(),
                "{\"strategy\":\"keep_server\"}");

        view.refreshIfSettledElsewhere();

        assertThat(_find(Button.class, s -> s.withId("keep-server"))).isEmpty();
        assertThat(_get(Paragraph.class, s -> s.withId("conflict-settled")).getText()).isEqualTo("Settled: a sale is booked.");
    }

    @Test
    void bulk_select_all_explains_mixed_kinds_and_the_button_is_off_again_once_they_are_resolved() {
        ApiClient api = new ApiClient(port);
        Fixtures.Raised a = Fixtures.totalsMismatch(api, TestData.BRANCH);
        Fixtures.Raised b = Fixtures.totalsMismatch(api, a.deviceId(), a.token(), TestData.BRANCH, 2);
        api.sync(a.token(), Sales.batch(a.deviceId(), List.of(Sales.sale(a.deviceId(), 3, 99999, 1, 1000))));
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
        UI.getCurrent().navigate("conflicts");
        _setValue(_get(TextField.class, s -> s.withLabel("Device")), a.deviceId());
        Button bulk = _get(Button.class, s -> s.withId("bulk-resolve"));
        assertThat(bulk.isEnabled()).isFalse();
        assertThat(_get(Span.class, s -> s.withId("bulk-hint")).getText()).isEqualTo("Select conflicts to resolve them together.");

        _click(_get(Button.class, s -> s.withId("select-all")));
        @SuppressWarnings("unchecked")
        Grid<ConflictSummary> grid = _get(Grid.class);
        assertThat(grid.getSelectedItems()).hasSize(3);
        assertThat(bulk.isEnabled()).isFalse();
        assertThat(_get(Span.class, s -> s.withId("bulk-hint")).getText()).startsWith("Resolve together only conflicts of one kind")
                .contains("Grand total does not add up").contains("Unknown product");

        grid.deselectAll();
        GridKt._fetch(grid, 0, 10).stream().filter(c -> "grand_total_mismatch".equals(c.reason())).forEach(grid::select);
        assertThat(bulk.isEnabled()).isTrue();
        _click(bulk);
        assertThat(_get(Paragraph.class, s -> s.withId("bulk-effect")).getText()).startsWith("Books each of the 2 sales as the server computes it");
        _setValue(_get(TextArea.class, s -> s.withLabel("Comment (kept in the audit trail)")), "Rounded at the till");
        _click(_get(Button.class, s -> s.withId("bulk-apply")));

        assertThat(grid.getSelectedItems()).isEmpty();
        assertThat(bulk.isEnabled()).isFalse();
        assertThat(List.of(status(a.conflictId()), status(b.conflictId()))).containsOnly("resolved");
    }
}
