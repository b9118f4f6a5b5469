package io.tillsync.backoffice;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.textfield.TextArea;
import io.tillsync.devices.SyncLog;
import java.util.regex.Pattern;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.tillsync.catalog.Branch;
import io.tillsync.conflicts.ConflictSummary;
import io.tillsync.health.HealthState;
import io.tillsync.sales.TransactionRow;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import io.tillsync.support.UiTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.tillsync.backoffice.Translations;

/** A manager who reads Bahasa Indonesia sees statuses, kinds and money in it, not the codes the server stores. */
class IndonesianViewsTest extends UiTest {

    @Autowired
    SyncLog syncLog;

    @Test
    @SuppressWarnings("unchecked")
    void in_indonesian_the_grids_show_status_words_payment_methods_and_rupiah_with_dots() {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        Map<String, Object> sale = Sales.sale(device, 1, 1238, 2, 15000);
        api.sync(token, Sales.batch(device, List.of(sale)));
        Fixtures.Raised raised = Fixtures.totalsMismatch(api, TestData.BRANCH);
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
        UI.getCurrent().setLocale(Translations.INDONESIAN);

        UI.getCurrent().navigate("transactions");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Transaksi · Tillsync");
        _setValue(_get(TextField.class, s -> s.withId("transaction-search")), (String) sale.get("offline_reference"));
        Grid<TransactionRow> transactions = _get(Grid.class);
        TransactionRow row = GridKt._fetch(transactions, 0, 10).getFirst();
        assertThat(String.join(" | ", GridKt._getFormattedRow(transactions, row))).contains("Rp 33.000", "Lunas", "Tunai");

        UI.getCurrent().navigate("conflicts");
        Grid<ConflictSummary> conflicts = _get(Grid.class);
        ConflictSummary conflict = GridKt._fetch(conflicts, 0, 1000).stream()
                .filter(c -> c.conflictId().equals(raised.conflictId())).findFirst().orElseThrow();
        assertThat(String.join(" | ", GridKt._getFormattedRow(conflicts, conflict))).contains("Penjualan", "Data tidak cocok", "Total akhir tidak sesuai",
                "Terbuka");

        UI.getCurrent().navigate("devices");
        ComboBox<HealthState> state = _get(ComboBox.class, s -> s.withLabel("Status"));
        assertThat(state.getItemLabelGenerator().apply(HealthState.OFFLINE)).isEqualTo("Terlalu lama luring");
        assertThat(state.getItemLabelGenerator().apply(HealthState.HEALTHY)).isEqualTo("Sehat");

        UI.getCurrent().navigate("");
        Span healthy = (Span) _get(Div.class, s -> s.withId("tile-healthy")).getChildren().skip(1).findFirst()
                .map(label -> label.getChildren().findFirst().orElseThrow()).orElseThrow();
        assertThat(healthy.getText()).isEqualTo("Sehat");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Kesehatan sinkronisasi · Tillsync");
    }

    @Test
    @SuppressWarnings("unchecked")
    void in_indonesian_a_weak_password_is_refused_beside_the_field_in_indonesian() {
        loginAdmin();
        UI.getCurrent().setLocale(Translations.INDONESIAN);
        UI.getCurrent().navigate("users");

        _click(_get(Button.class, s -> s.withId("user-create")));
        _setValue(_get(TextField.class, s -> s.withId("user-username")), "kasir" + System.nanoTime());
        _setValue(_get(PasswordField.class, s -> s.withId("user-password")), "password1234");
        CheckboxGroup<Branch> branches = _get(CheckboxGroup.class, s -> s.withId("user-branches"));
        _setValue(branches, Set.of(branches.getListDataView().getItems().findFirst().orElseThrow()));
        _click(_get(Button.class, s -> s.withId("user-save")));

        PasswordField password = _get(PasswordField.class, s -> s.withId("user-password"));
        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).isEqualTo("Terlalu mudah ditebak");

        _setValue(password, "pendek");
        _click(_get(Button.class, s -> s.withId("user-save")));
        assertThat(password.getErrorMessage()).isEqualTo("Minimal 12 karakter");
    }

    @Test
    @SuppressWarnings("unchecked")
    void in_indonesian_a_device_id_already_taken_is_refused_beside_the_field_in_indonesian() {
        String device = Sales.newDeviceId();
        new ApiClient(port).enroll(device, TestData.BRANCH);
        loginAdmin();
        UI.getCurrent().setLocale(Translations.INDONESIAN);
        UI.getCurrent().navigate("devices");

        _click(_get(Button.class, s -> s.withId("enroll")));
        TextField id = _find(TextField.class, s -> s.withId("enroll-device-id")).getLast();
        _setValue(id, device);
        ComboBox<Branch> branch = _find(ComboBox.class, s -> s.withId("enroll-branch")).getLast();
        _setValue(branch, branch.getListDataView().getItems().filter(b -> b.code().equals(TestData.BRANCH)).findFirst().orElseThrow());
        _click(_find(Button.class, s -> s.withId("enroll-save")).getLast());

        assertThat(id.isInvalid()).isTrue();
        assertThat(id.getErrorMessage()).isEqualTo("Kasir " + device + " sudah terdaftar; ganti tokennya saja.");

        _setValue(id, "-bukan id");
        _click(_find(Button.class, s -> s.withId("enroll-save")).getLast());
        assertThat(id.getErrorMessage()).startsWith("1 sampai 64 huruf, angka, '.', '_' atau '-'");
    }

    /** English words a page in Indonesian must not show; each is common on the English pages. */
    private static final List<String> ENGLISH_ONLY = List.of("offline", "paid", "unpaid", "voided", "replaced", "cash", "settled",
            "policy", "branch", "till", "sale", "sales", "never", "healthy", "conflict", "conflicts", "unknown", "mismatch", "copy",
            "confirm", "device", "devices", "revoke", "product", "rule", "none", "received");
    /** Capitals that are words in Indonesian too: the payment standard, units, zones, file types. */
    private static final Set<String> CAPITALS = Set.of("QRIS", "HTTP", "CSV", "WIB", "UTC", "KB", "MB", "ID", "API");
    private static final Pattern SNAKE = Pattern.compile("\\b[a-z]+(_[a-z0-9]+)+\\b");
    private static final Pattern CAPS = Pattern.compile("\\b[A-Z]{2,}(_[A-Z0-9]+)*\\b");
    /** Codes of records (branches, references, transaction codes, device ids) are data, not words. */
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Z0-9]+(-[A-Z0-9#]+)+\\b|\\bT[0-9A-F]{10}\\b");

    /**
     * Walks the main pages in Indonesian with records of every kind on them and fails on any English
     * word from a short list, any stored code (snake_case, ALL_CAPS) and any audit prefix shown raw.
     */
    @Test
    void in_indonesian_the_main_pages_show_no_english_words_and_no_raw_codes() {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        Map<String, Object> sale = Sales.sale(device, 1, 1243, 1, 27000);
        sale.put("payment_method", "QRIS");
        api.sync(token, Sales.batch(device, List.of(sale)));
        Map<String, Object> changed = new java.util.LinkedHashMap<>(sale);
        changed.put("items", List.of(Sales.line(1243, 3, 27000)));
        changed.put("subtotal", 81000);
        changed.put("tax_total", 8100);
        changed.put("grand_total", 89100);
        String duplicate = conflictOf(api.sync(token, Sales.batch(device, List.of(changed))));
        String mismatch = Fixtures.totalsMismatch(api, device, token, TestData.BRANCH, 2).conflictId();
        String rule = conflictOf(api.sync(token, Sales.batch(device,
                List.of(Sales.sale(device, "20251013", 3, List.of(Sales.line(99999, 1, 10000), Sales.line(1240, 3, 5000)))))));
        syncLog.flush();
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
        UI.getCurrent().setLocale(Translations.INDONESIAN);
        // a settled one, so its page shows who settled it and its history names the person
        UI.getCurrent().navigate("conflicts/" + duplicate);
        _setValue(_get(TextArea.class, s -> s.withId("resolve-comment")), "Sudah benar");
        _click(_get(Button.class, s -> s.withId("keep-server")));
        _find(Button.class, s -> s.withId("confirm-yes")).forEach(b -> _click(b));
        long saleId = jdbc.queryForObject("SELECT id FROM transactions WHERE offline_reference = ?", Long.class,
                sale.get("offline_reference"));

        Map<String, Runnable> pages = new java.util.LinkedHashMap<>();
        pages.put("", () -> { });
        pages.put("devices", () -> _setValue(_get(TextField.class, s -> s.withLabel("Perangkat")), device));
        pages.put("devices/" + device, () -> { });
        pages.put("transactions", () -> _setValue(_get(TextField.class, s -> s.withId("transaction-search")), device));
        pages.put("transactions/" + saleId, () -> { });
        pages.put("conflicts", () -> {
            _setValue(_get(TextField.class, s -> s.withId("filter-device")), device);
            @SuppressWarnings("unchecked")
            com.vaadin.flow.component.select.Select<String> state = _get(com.vaadin.flow.component.select.Select.class,
                    s -> s.withLabel("Status"));
            _setValue(state, "any");
        });
        for (String conflict : List.of(duplicate, mismatch, rule)) {
            pages.put("conflicts/" + conflict, () -> { });
        }
        List<String> found = new java.util.ArrayList<>();
        for (var page : pages.entrySet()) {
            UI.getCurrent().navigate(page.getKey());
            page.getValue().run();
            // the test client names its tills "Till <id>": a name is data, as typed at enrollment
            String text = visibleText(UI.getCurrent()).replace("Till " + device, device);
            assertThat(text.length()).as("/" + page.getKey()).isGreaterThan(100);
            found.addAll(untranslated("/" + page.getKey(), text));
        }
        assertThat(found).isEmpty();

        // the same check bites on the English pages, so a pass above means something
        UI.getCurrent().setLocale(Translations.ENGLISH);
        UI.getCurrent().navigate("conflicts/" + duplicate);
        assertThat(untranslated("en", visibleText(UI.getCurrent()))).isNotEmpty();
        assertThat(untranslated("raw", "kept by user:ana for device:T1 as keep_server, paid in CASH"))
                .anyMatch(f -> f.contains("code keep_server")).anyMatch(f -> f.contains("code CASH"))
                .anyMatch(f -> f.contains("prefix user:")).anyMatch(f -> f.contains("prefix device:"));
    }

    private static List<String> untranslated(String page, String shown) {
        String text = IDENTIFIER.matcher(shown).replaceAll(" ");
        List<String> found = new java.util.ArrayList<>();
        for (String word : ENGLISH_ONLY) {
            java.util.regex.Matcher m = Pattern.compile("(?i)\\b" + word + "\\b").matcher(text);
            if (m.find()) {
                found.add(page + ": English '" + word + "' in …" + text.substring(Math.max(0, m.start() - 40),
                        Math.min(text.length(), m.end() + 40)) + "…");
            }
        }
        SNAKE.matcher(text).results().forEach(m -> found.add(page + ": code " + m.group()));
        CAPS.matcher(text).results().filter(m -> !CAPITALS.contains(m.group())).forEach(m -> found.add(page + ": code " + m.group()));
        for (String prefix : List.of("user:", "device:", "#replaced")) {
            if (text.contains(prefix)) {
                found.add(page + ": prefix " + prefix);
            }
        }
        return found;
    }

    private static String conflictOf(ApiClient.Response r) {
        return r.data().get("conflicts").get(0).get("conflict_id").asString();
    }


    /**
     * What a person reads: text, labels and grid cells (headers and the rows in view, as the browser
     * draws them), not the raw documents shown on purpose as received.
     */
    private static String visibleText(Component root) {
        StringBuilder out = new StringBuilder();
        for (Component c : _find(Component.class)) {
            if (c instanceof Pre || c.findAncestor(Pre.class) != null) {
                continue;
            }
            c.getElement().getChildren().filter(com.vaadin.flow.dom.Element::isTextNode).forEach(t -> out.append(' ').append(t.getText()));
            for (String property : List.of("label", "placeholder", "helperText", "summary", "header", "message")) {
                if (c.getElement().getProperty(property) != null) {
                    out.append(' ').append(c.getElement().getProperty(property));
                }
            }
        }
        for (Grid<?> grid : _find(Grid.class)) {
            grid.getColumns().forEach(c -> out.append(' ').append(c.getHeaderText()));
            for (Object item : GridKt._fetch(grid, 0, 30)) {
                @SuppressWarnings({"unchecked", "rawtypes"})
                List<String> row = GridKt._getFormattedRow((Grid) grid, item);
                row.forEach(cell -> out.append(' ').append(cell.replaceAll("<[^>]+>", " ")));
            }
        }
        return out.toString();
    }
}
