package io.tillsync.base.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
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
import io.tillsync.devices.HealthState;
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
import org.springframework.boot.test.web.server.LocalServerPort;

/** A manager who reads Bahasa Indonesia sees statuses, kinds and money in it, not the codes the server stores. */
class IndonesianViewsTest extends UiTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

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
        assertThat(GridKt._getFormattedRow(transactions, row)).contains("Rp 33.000", "Lunas", "Tunai");

        UI.getCurrent().navigate("conflicts");
        Grid<ConflictSummary> conflicts = _get(Grid.class);
        ConflictSummary conflict = GridKt._fetch(conflicts, 0, 1000).stream()
                .filter(c -> c.conflictId().equals(raised.conflictId())).findFirst().orElseThrow();
        assertThat(GridKt._getFormattedRow(conflicts, conflict)).contains("Penjualan", "Data tidak cocok", "Total akhir tidak sesuai",
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
        _setValue(branch, branch.getListDataView().getItems().filter(b -> b.getCode().equals(TestData.BRANCH)).findFirst().orElseThrow());
        _click(_find(Button.class, s -> s.withId("enroll-save")).getLast());

        assertThat(id.isInvalid()).isTrue();
        assertThat(id.getErrorMessage()).isEqualTo("Kasir " + device + " sudah terdaftar; ganti tokennya saja.");

        _setValue(id, "-bukan id");
        _click(_find(Button.class, s -> s.withId("enroll-save")).getLast());
        assertThat(id.getErrorMessage()).startsWith("1 sampai 64 huruf, angka, '.', '_' atau '-'");
    }
}
