package io.tillsync.health.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import io.tillsync.base.ApiEnvelope;
import io.tillsync.base.Rejected;
import io.tillsync.catalog.Branch;
import io.tillsync.health.DeviceFilter;
import io.tillsync.health.DeviceHealth;
import io.tillsync.health.DeviceHealthService;
import io.tillsync.devices.DeviceService;
import io.tillsync.health.HealthState;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import io.tillsync.support.UiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;

class DeviceViewsTest extends UiTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.tillsync.devices.SyncLog syncLog;
    @Autowired
    DeviceHealthService health;
    @Autowired
    DeviceService devices;

    @SuppressWarnings("unchecked")
    private Map<String, DeviceHealth> shown() {
        Grid<DeviceHealth> grid = _get(Grid.class);
        return GridKt._fetch(grid, 0, 1000).stream().collect(java.util.stream.Collectors.toMap(DeviceHealth::deviceId, d -> d));
    }

    /** A new till of the branch that has not synced. */
    private String enrolled(String branch) {
        String device = Sales.newDeviceId();
        new ApiClient(port).enroll(device, branch);
        return device;
    }

    /** A new till of the demo branch that has synced one sale, its request logged. */
    private String synced() {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        api.sync(token, Sales.batch(device, List.of(Sales.sale(device, 1, 1238, 1, 15000))));
        syncLog.flush();
        return device;
    }

    private void loginManager() {
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
    }

    @Test
    void manager_sees_the_health_of_their_branchs_tills_only() {
        ApiClient api = new ApiClient(port);
        Fixtures.Raised conflicted = Fixtures.totalsMismatch(api, TestData.BRANCH);
        String synced = synced();
        String silent = enrolled(TestData.BRANCH);
        String elsewhere = enrolled(TestData.OTHER_BRANCH);
        loginManager();

        UI.getCurrent().navigate("devices");

        Map<String, DeviceHealth> shown = shown();
        assertThat(shown).doesNotContainKey(elsewhere);
        assertThat(shown.get(synced).state()).isEqualTo(HealthState.HEALTHY);
        assertThat(shown.get(silent).state()).isEqualTo(HealthState.NEVER);
        assertThat(shown.get(conflicted.deviceId()).state()).isEqualTo(HealthState.CONFLICTS);
        assertThat(shown.get(conflicted.deviceId()).openConflicts()).isEqualTo(1);
        assertThat(_find(Button.class, s -> s.withId("enroll"))).isEmpty();
    }

    @Test
    void a_skipped_sale_number_shows_as_a_gap_once_the_grace_period_is_over() {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        // numbers are watched for the last week of till days, so the sales are from yesterday
        java.time.LocalDate yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        String day = yesterday.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        api.sync(token, Sales.batch(device, List.of(Sales.sale(device, day, 1, List.of(Sales.line(1238, 1, 15000))),
                Sales.sale(device, day, 3, List.of(Sales.line(1238, 1, 15000))))));
        syncLog.flush();
        Integer grace = jdbc.queryForObject("SELECT gap_grace_minutes FROM branches WHERE code = ?", Integer.class, TestData.BRANCH);
        jdbc.update("UPDATE branches SET gap_grace_minutes = 0 WHERE code = ?", TestData.BRANCH);
        try {
            loginManager();
            UI.getCurrent().navigate("devices");
            DeviceHealth health = shown().get(device);
            assertThat(health.state()).isEqualTo(HealthState.GAPS);
            assertThat(health.missingSales()).isEqualTo(1);

            UI.getCurrent().navigate("devices/" + device);
            assertThat(_find(com.vaadin.flow.component.html.Paragraph.class)).extracting(p -> p.getText())
                    .contains(yesterday + ": 2 (1)");
        } finally {
            jdbc.update("UPDATE branches SET gap_grace_minutes = ? WHERE code = ?", grace, TestData.BRANCH);
        }
    }

    @Test
    void manager_typing_another_branchs_device_url_sees_not_found() {
        String elsewhere = enrolled(TestData.OTHER_BRANCH);
        loginManager();

        UI.getCurrent().navigate("devices/" + elsewhere);

        assertThat(_get(H2.class, s -> s.withId("device-not-found")).getText()).isEqualTo("Device not found");
        assertThat(_find(Grid.class)).isEmpty();
    }

    @Test
    void device_page_lists_the_sync_history() {
        String device = synced();
        loginManager();

        UI.getCurrent().navigate("devices/" + device);

        assertThat(GridKt._size(_get(Grid.class, s -> s.withId("sync-history")))).isEqualTo(1);
        assertThat(_find(Button.class, s -> s.withId("rotate"))).isEmpty();
        // the branch by the name its manager knows it by
        assertThat(_find(Span.class).stream().map(Span::getText)).contains("Outlet Senopati (" + TestData.BRANCH + ")");
    }

    @Test
    @SuppressWarnings("unchecked")
    void admin_enrolls_a_till_sees_its_token_once_and_a_taken_id_is_refused_beside_the_field() {
        loginAdmin();
        UI.getCurrent().navigate("devices");
        String device = Sales.newDeviceId();

        _click(_get(Button.class, s -> s.withId("enroll")));
        _setValue(_get(TextField.class, s -> s.withId("enroll-device-id")), device);
        ComboBox<Branch> branch = _get(ComboBox.class, s -> s.withId("enroll-branch"));
        _setValue(branch, branch.getListDataView().getItems().filter(b -> b.code().equals(TestData.BRANCH)).findFirst().orElseThrow());
        _click(_get(Button.class, s -> s.withId("enroll-save")));

        assertThat(_get(TextField.class, s -> s.withId("device-token")).getValue()).isNotBlank();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM devices WHERE device_id = ?", Integer.class, device)).isEqualTo(1);

        _click(_get(Button.class, s -> s.withId("enroll")));
        TextField id = _find(TextField.class, s -> s.withId("enroll-device-id")).getLast();
        _setValue(id, device);
        branch = _find(ComboBox.class, s -> s.withId("enroll-branch")).getLast();
        _setValue(branch, branch.getListDataView().getItems().findFirst().orElseThrow());
        _click(_find(Button.class, s -> s.withId("enroll-save")).getLast());

        assertThat(id.isInvalid()).isTrue();
        assertThat(id.getErrorMessage()).contains("already enrolled");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM devices WHERE device_id = ?", Integer.class, device)).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void state_and_search_filters_work_in_the_database_and_never_reach_another_branch() {
        String synced = synced();
        String silent = enrolled(TestData.BRANCH);
        String elsewhere = enrolled(TestData.OTHER_BRANCH);
        loginManager();
        UI.getCurrent().navigate("devices");
        ComboBox<HealthState> state = _get(ComboBox.class, s -> s.withLabel("State"));
        TextField search = _get(TextField.class, s -> s.withLabel("Device"));

        _setValue(state, HealthState.NEVER);
        assertThat(shown()).containsKey(silent).doesNotContainKeys(synced, elsewhere)
                .allSatisfy((id, d) -> assertThat(d.state()).isEqualTo(HealthState.NEVER));

        _setValue(search, synced.toLowerCase(java.util.Locale.ROOT));
        assertThat(shown()).isEmpty();

        _setValue(state, null);
        assertThat(shown()).containsOnlyKeys(synced);

        _setValue(search, elsewhere);
        assertThat(shown()).isEmpty();
    }

    @Test
    void pages_of_one_walk_the_same_tills_in_the_same_order_worst_first() {
        ApiClient api = new ApiClient(port);
        // tills of this test only, found by a shared start of their ids: other tests' tills change state meanwhile
        String prefix = "PG" + Sales.newDeviceId().substring(1, 7);
        for (int i = 3; i > 0; i--) {
            api.enroll(prefix + i, TestData.BRANCH);
        }
        String conflicted = prefix + "0";
        Fixtures.totalsMismatch(api, conflicted, api.enroll(conflicted, TestData.BRANCH), TestData.BRANCH, 1);
        syncLog.flush();
        loginAdmin();
        DeviceFilter mine = DeviceFilter.ALL.withSearch(prefix);

        List<DeviceHealth> all = health.list(mine, PageRequest.of(0, 1000)).getContent();
        List<DeviceHealth> paged = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            var slice = health.list(mine, PageRequest.of(page, 1));
            paged.addAll(slice.getContent());
            if (!slice.hasNext()) {
                break;
            }
        }

        assertThat(all).extracting(DeviceHealth::deviceId).containsExactly(conflicted, prefix + "1", prefix + "2", prefix + "3");
        assertThat(all).extracting(DeviceHealth::state).containsExactly(HealthState.CONFLICTS, HealthState.NEVER, HealthState.NEVER,
                HealthState.NEVER);
        assertThat(paged).extracting(DeviceHealth::deviceId).containsExactlyElementsOf(all.stream().map(DeviceHealth::deviceId).toList());
    }

    @Test
    void every_till_is_counted_once_in_the_state_counts() {
        Fixtures.totalsMismatch(new ApiClient(port), TestData.BRANCH);
        loginAdmin();

        long counted = health.countByState().values().stream().mapToLong(Long::longValue).sum();

        assertThat(counted).isEqualTo(health.list(DeviceFilter.ALL, PageRequest.of(0, 100_000)).getNumberOfElements());
    }

    @Test
    void a_manager_of_the_branch_shows_a_pairing_code_large_grouped_four_four_with_its_expiry_in_either_language() {
        String device = enrolled(TestData.BRANCH);
        loginManager();

        UI.getCurrent().navigate("devices/" + device);
        _click(_get(Button.class, s -> s.withId("pairing-code-action")));

        String code = _get(com.vaadin.flow.component.html.Div.class, s -> s.withId("pairing-code")).getText();
        assertThat(code).matches("[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}");
        var expires = _get(com.vaadin.flow.component.html.Paragraph.class, s -> s.withId("pairing-expires"));
        assertThat(expires.getText()).startsWith("Valid until ");
        java.time.Instant until = java.time.Instant.parse(expires.getElement().getAttribute("data-expires-at"));
        assertThat(until).isBetween(java.time.Instant.now().plusSeconds(590), java.time.Instant.now().plusSeconds(601));
        assertThat(jdbc.queryForObject("SELECT issued_by FROM device_pairing_codes p JOIN devices d ON d.id = p.device_pk "
                + "WHERE d.device_id = ?", String.class, device)).startsWith("mgr-");
        // a manager has no token actions
        assertThat(_find(Button.class, s -> s.withId("rotate"))).isEmpty();

        UI.getCurrent().setLocale(io.tillsync.backoffice.Translations.INDONESIAN);
        UI.getCurrent().navigate("devices/" + device);
        _click(_get(Button.class, s -> s.withId("pairing-code-action")));
        assertThat(_get(Button.class, s -> s.withId("pairing-code-action")).getText()).isEqualTo("Kode pemasangan");
        assertThat(_find(com.vaadin.flow.component.html.Paragraph.class, s -> s.withId("pairing-expires")))
                .anySatisfy(p -> assertThat(p.getText()).startsWith("Berlaku sampai pukul "));
    }

    @Test
    void a_till_that_left_the_managers_branches_while_its_page_was_open_reads_as_not_found_when_asked_for_a_code() {
        String till = enrolled(TestData.BRANCH);
        String manager = fixtures.manager(TestData.BRANCH);
        login(manager, "MANAGER");
        UI.getCurrent().navigate("devices/" + till);
        Button pair = _get(Button.class, s -> s.withId("pairing-code-action"));

        // an admin moves the manager to the other outlet meanwhile
        io.tillsync.security.UserService users = ctx.getBean(io.tillsync.security.UserService.class);
        fixtures.asAdmin(() -> users.assign(users.find(manager).orElseThrow().getId(), io.tillsync.security.Role.MANAGER,
                java.util.Set.of(fixtures.branchId(TestData.OTHER_BRANCH)), "admin"));
        _click(pair);

        assertThat(_get(H2.class, s -> s.withId("device-not-found")).getText()).isEqualTo("Device not found");
        com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications("No till has that id.");
        assertThat(_find(com.vaadin.flow.component.html.Div.class, s -> s.withId("pairing-code"))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM device_pairing_codes p JOIN devices d ON d.id = p.device_pk "
                + "WHERE d.device_id = ?", Integer.class, till)).isZero();
    }

    @Test
    void a_manager_sees_no_pairing_action_on_a_revoked_till() {
        String device = enrolled(TestData.BRANCH);
        new ApiClient(port).post("/api/v1/admin/devices/" + device + "/revoke", ApiClient.adminAuth(), "");
        loginManager();

        UI.getCurrent().navigate("devices/" + device);

        assertThat(_find(Button.class, s -> s.withId("pairing-code-action"))).isEmpty();
    }

    @Test
    void a_till_enrolled_that_never_synced_is_never_synced_not_offline_and_not_counted_as_trouble() {
        String fresh = enrolled(TestData.BRANCH);
        loginManager();

        assertThat(health.find(fresh).orElseThrow().state()).isEqualTo(HealthState.NEVER);
        assertThat(HealthState.NEVER.needsAttention()).isFalse();
        assertThat(health.list(DeviceFilter.ALL.withSearch(fresh).withNeedsAttention(true), PageRequest.of(0, 10))).isEmpty();
        assertThat(health.list(DeviceFilter.ALL.withSearch(fresh).withState(HealthState.OFFLINE), PageRequest.of(0, 10))).isEmpty();

        UI.getCurrent().navigate("devices/" + fresh);
        Span badge = _get(Span.class, s -> s.withClasses("state-badge"));
        assertThat(badge.getText()).isEqualTo("Never synced");
        assertThat(badge.getClassNames()).contains("state-never").doesNotContain("state-offline");

        UI.getCurrent().setLocale(io.tillsync.backoffice.Translations.INDONESIAN);
        UI.getCurrent().navigate("");
        assertThat(_get(com.vaadin.flow.component.html.Div.class, s -> s.withId("tile-never")).getElement().getTextRecursively())
                .contains("Belum pernah sinkron");
    }

    @Test
    void a_manager_revokes_a_lost_till_of_their_branch_after_being_told_what_happens_to_it() {
        String lost = enrolled(TestData.BRANCH);
        loginManager();
        UI.getCurrent().navigate("devices/" + lost);
        assertThat(_find(Button.class, s -> s.withId("rotate"))).as("a new token stays the admin's").isEmpty();

        _click(_get(Button.class, s -> s.withId("revoke")));
        ConfirmDialog dialog = _get(ConfirmDialog.class, s -> s.withId("device-confirm"));
        assertThat(ConfirmDialogKt._getText(dialog)).isEqualTo("Revoke till " + lost
                + ": it can no longer sync; its unsent sales stay on it until it is paired again.");
        assertThat(dialog.getElement().getProperty("confirmText")).isEqualTo("Revoke");
        ConfirmDialogKt._fireConfirm(dialog);

        assertThat(jdbc.queryForObject("SELECT status FROM devices WHERE device_id = ?", String.class, lost)).isEqualTo("REVOKED");
        assertThat(_get(Span.class, s -> s.withClasses("state-badge")).getText()).isEqualTo("Revoked");
        assertThat(_find(Button.class, s -> s.withId("revoke"))).isEmpty();
    }

    @Test
    void a_manager_cannot_revoke_a_till_of_another_branch_which_reads_as_unknown() {
        String elsewhere = enrolled(TestData.OTHER_BRANCH);
        loginManager();

        assertThatThrownBy(() -> devices.revoke(elsewhere)).isInstanceOfSatisfying(Rejected.class, e -> {
            assertThat(ApiEnvelope.status(e.kind())).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(e.code()).isEqualTo("unknown_device");
        });
        assertThat(jdbc.queryForObject("SELECT status FROM devices WHERE device_id = ?", String.class, elsewhere)).isEqualTo("ACTIVE");
    }

    @Test
    void copying_a_token_says_copied_once_the_browser_has_it() {
        String till = enrolled(TestData.BRANCH);
        loginAdmin();
        UI.getCurrent().navigate("devices/" + till);
        _click(_get(Button.class, s -> s.withId("rotate")));
        ConfirmDialog dialog = _get(ConfirmDialog.class, s -> s.withId("device-confirm"));
        assertThat(ConfirmDialogKt._getText(dialog)).startsWith("Rotate the token of till " + till + ": the old token stops");
        ConfirmDialogKt._fireConfirm(dialog);

        Button copy = _get(Button.class, s -> s.withId("copy-token"));
        assertThat(copy.getText()).isEqualTo("Copy");
        _click(copy);
        var clipboard = UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .filter(js -> js.getInvocation().getExpression().contains("clipboard")).findFirst().orElseThrow();
        clipboard.complete(tools.jackson.databind.node.NullNode.getInstance());
        assertThat(copy.getText()).isEqualTo("Copied");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_dashboard_tile_opens_the_list_behind_it_filtered_and_the_address_keeps_the_filters() {
        String fresh = enrolled(TestData.BRANCH);
        loginManager();
        UI.getCurrent().navigate("");

        _click(_get(com.vaadin.flow.component.html.Div.class, s -> s.withId("tile-offline")));
        assertThat(_get(ComboBox.class, s -> s.withLabel("State")).getValue()).isEqualTo(HealthState.OFFLINE);
        assertThat(shown()).allSatisfy((id, d) -> assertThat(d.state()).isEqualTo(HealthState.OFFLINE));

        // a reload or a shared link of a filtered list opens it filtered the same way
        UI.getCurrent().navigate("devices", com.vaadin.flow.router.QueryParameters.simple(Map.of("state", "never", "q", fresh)));
        assertThat(_get(ComboBox.class, s -> s.withLabel("State")).getValue()).isEqualTo(HealthState.NEVER);
        assertThat(_get(TextField.class, s -> s.withLabel("Device")).getValue()).isEqualTo(fresh);
        assertThat(shown()).containsOnlyKeys(fresh);

        UI.getCurrent().navigate("devices", com.vaadin.flow.router.QueryParameters.simple(Map.of("q", "no-such-till-" + fresh)));
        Grid<DeviceHealth> grid = _get(Grid.class);
        assertThat(shown()).isEmpty();
        assertThat(grid.getEmptyStateText()).isEqualTo("No till matches these filters. Clear a filter to see more.");

        UI.getCurrent().navigate("");
        _click(_get(com.vaadin.flow.component.html.Div.class, s -> s.withId("tile-backlog")));
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("conflicts");
    }
}
