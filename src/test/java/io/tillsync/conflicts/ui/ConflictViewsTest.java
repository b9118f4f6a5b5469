package io.tillsync.conflicts.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import io.tillsync.conflicts.ConflictSummary;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.TestData;
import io.tillsync.support.UiTest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConflictViewsTest extends UiTest {

    @Test
    void manager_lists_only_the_conflicts_of_their_branch() {
        ApiClient api = new ApiClient(port);
        Fixtures.Raised mine = Fixtures.totalsMismatch(api, TestData.BRANCH);
        Fixtures.Raised other = Fixtures.totalsMismatch(api, TestData.OTHER_BRANCH);
        login(fixtures.manager(TestData.BRANCH), "MANAGER");

        UI.getCurrent().navigate("conflicts");

        List<String> shown = GridKt._fetch(_get(Grid.class), 0, 500).stream().map(c -> ((ConflictSummary) c).conflictId()).toList();
        assertThat(shown).contains(mine.conflictId()).doesNotContain(other.conflictId());
    }

    @Test
    void the_start_of_a_tills_id_finds_its_conflicts_and_nobody_elses() {
        ApiClient api = new ApiClient(port);
        Fixtures.Raised mine = Fixtures.totalsMismatch(api, TestData.BRANCH);
        Fixtures.Raised other = Fixtures.totalsMismatch(api, TestData.BRANCH);
        io.tillsync.conflicts.ConflictQueries queries = ctx.getBean(io.tillsync.conflicts.ConflictQueries.class);
        loginAdmin();

        List<String> found = queries.list(io.tillsync.conflicts.ConflictFilter.ANY.withDeviceId(mine.deviceId().substring(0, mine.deviceId().length() - 2)),
                org.springframework.data.domain.PageRequest.of(0, 200)).getContent().stream().map(ConflictSummary::conflictId).toList();
        List<String> wildcard = queries.list(io.tillsync.conflicts.ConflictFilter.ANY.withDeviceId("%"),
                org.springframework.data.domain.PageRequest.of(0, 200)).getContent().stream().map(ConflictSummary::conflictId).toList();

        assertThat(found).contains(mine.conflictId());
        if (!other.deviceId().startsWith(mine.deviceId().substring(0, mine.deviceId().length() - 2))) {
            assertThat(found).doesNotContain(other.conflictId());
        }
        assertThat(wildcard).as("a typed % is a character, not a wildcard").isEmpty();
    }

    @Test
    void the_menu_counts_the_open_conflicts_of_the_managers_branches() {
        ApiClient api = new ApiClient(port);
        Fixtures.totalsMismatch(api, TestData.BRANCH);
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
        long open = ctx.getBean(io.tillsync.conflicts.ConflictQueries.class).backlog().open();

        UI.getCurrent().navigate("");

        com.vaadin.flow.component.html.Span badge = _get(com.vaadin.flow.component.html.Span.class, s -> s.withId("menu-count-conflicts"));
        assertThat(open).isPositive();
        assertThat(badge.isVisible()).isTrue();
        assertThat(badge.getText().replaceAll("[^0-9]", "")).isEqualTo(Long.toString(open));
    }

    @Test
    void admin_lists_the_conflicts_of_every_branch() {
        ApiClient api = new ApiClient(port);
        Fixtures.Raised one = Fixtures.totalsMismatch(api, TestData.BRANCH);
        Fixtures.Raised two = Fixtures.totalsMismatch(api, TestData.OTHER_BRANCH);
        loginAdmin();

        UI.getCurrent().navigate("conflicts");

        List<String> shown = GridKt._fetch(_get(Grid.class), 0, 1000).stream().map(c -> ((ConflictSummary) c).conflictId()).toList();
        assertThat(shown).contains(one.conflictId(), two.conflictId());
    }

    @Test
    void manager_typing_another_branchs_conflict_url_sees_not_found_and_nothing_of_it() {
        Fixtures.Raised other = Fixtures.totalsMismatch(new ApiClient(port), TestData.OTHER_BRANCH);
        login(fixtures.manager(TestData.BRANCH), "MANAGER");

        UI.getCurrent().navigate("conflicts/" + other.conflictId());

        assertThat(_get(H2.class, s -> s.withId("conflict-not-found")).getText()).isEqualTo("Conflict not found");
        assertThat(_find(Div.class, s -> s.withId("conflict-diff"))).isEmpty();
        assertThat(_find(Button.class, s -> s.withId("keep-local"))).isEmpty();
    }

    @Test
    void the_diff_and_the_merge_name_a_basket_line_by_its_product_with_the_id_beside_it() {
        ApiClient api = new ApiClient(port);
        String device = io.tillsync.support.Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        java.util.Map<String, Object> sale = io.tillsync.support.Sales.sale(device, 1, 1239, 1, 8000);
        api.sync(token, io.tillsync.support.Sales.batch(device, List.of(sale)));
        java.util.Map<String, Object> again = new java.util.LinkedHashMap<>(sale);
        again.put("items", List.of(io.tillsync.support.Sales.line(1239, 2, 8000)));
        again.put("subtotal", 16000);
        again.put("tax_total", 1600);
        again.put("grand_total", 17600);
        String duplicate = api.sync(token, io.tillsync.support.Sales.batch(device, List.of(again))).data().get("conflicts").get(0)
                .get("conflict_id").asString();
        login(fixtures.manager(TestData.BRANCH), "MANAGER");

        UI.getCurrent().navigate("conflicts/" + duplicate);

        Div diff = _get(Div.class, s -> s.withId("conflict-diff"));
        assertThat(diff.getElement().getTextRecursively()).contains("Es Teh Manis (#1239)").doesNotContain("Product 1239");
        _click(_get(Button.class, s -> s.withId("merge")));
        assertThat(_find(com.vaadin.flow.component.html.Span.class, s -> s.withClasses("merge-path"))).extracting(
                com.vaadin.flow.component.html.Span::getText).contains("Es Teh Manis (#1239) › Quantity");
    }

    @Test
    void conflict_page_highlights_the_differing_totals_and_shows_money_as_money() {
        Fixtures.Raised raised = Fixtures.totalsMismatch(new ApiClient(port), TestData.BRANCH);
        login(fixtures.manager(TestData.BRANCH), "MANAGER");

        UI.getCurrent().navigate("conflicts/" + raised.conflictId());

        List<Div> changed = _find(Div.class, s -> s.withClasses("diff-changed json-diff-value"));
        assertThat(changed).extracting(Div::getText).contains("Rp 39,000", "Rp 38,500");
        assertThat(_get(Grid.class, s -> s.withId("conflict-history")).getGenericDataView().getItems().count()).isEqualTo(1);
    }

    @Test
    void in_bahasa_indonesia_the_page_speaks_indonesian_and_money_reads_rp_with_dots() {
        Fixtures.Raised raised = Fixtures.totalsMismatch(new ApiClient(port), TestData.BRANCH);
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
        UI.getCurrent().setLocale(io.tillsync.backoffice.Translations.INDONESIAN);

        UI.getCurrent().navigate("conflicts/" + raised.conflictId());

        List<Div> changed = _find(Div.class, s -> s.withClasses("diff-changed json-diff-value"));
        assertThat(changed).extracting(Div::getText).contains("Rp 39.000", "Rp 38.500");
        assertThat(_get(Button.class, s -> s.withId("keep-server")).getText()).isEqualTo("Pakai versi server");
    }

    @Test
    void merge_picks_the_servers_grand_total_validates_and_books_it_with_the_comment_in_the_history() {
        Fixtures.Raised raised = Fixtures.totalsMismatch(new ApiClient(port), TestData.BRANCH);
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
        UI.getCurrent().navigate("conflicts/" + raised.conflictId());

        _click(_get(Button.class, s -> s.withId("merge")));
        _get(Button.class, s -> s.withId("merge-check"));
        @SuppressWarnings("unchecked")
        RadioButtonGroup<String> grandTotal = _find(RadioButtonGroup.class).stream()
                .filter(r -> "grand_total".equals(r.getParent().orElseThrow().getElement().getAttribute("data-path")))
                .findFirst().orElseThrow();
        _setValue(grandTotal, MergePanel.SERVER);
        _click(_get(Button.class, s -> s.withId("merge-check")));
        assertThat(_get(Button.class, s -> s.withId("merge-book")).isEnabled()).isTrue();
        _setValue(_get(TextArea.class, s -> s.withId("resolve-comment")), "Till added tax twice");
        _click(_get(Button.class, s -> s.withId("merge-book")));

        assertThat(jdbc.queryForObject("SELECT status FROM offline_conflicts WHERE conflict_id = ?", String.class, raised.conflictId()))
                .isEqualTo("resolved");
        assertThat(jdbc.queryForObject("SELECT grand_total FROM transactions WHERE offline_reference = ?", java.math.BigDecimal.class,
                raised.offlineReference())).isEqualByComparingTo("38500");
        assertThat(jdbc.queryForObject("SELECT comment FROM conflict_events e JOIN offline_conflicts c ON c.id = e.conflict_pk "
                + "WHERE c.conflict_id = ? AND e.action = 'resolved'", String.class, raised.conflictId())).isEqualTo("Till added tax twice");
        assertThat(_get(Grid.class, s -> s.withId("conflict-history")).getGenericDataView().getItems().count()).isEqualTo(2);
    }

    @Test
    void a_merge_that_still_breaks_the_totals_rule_is_listed_and_cannot_be_booked() {
        Fixtures.Raised raised = Fixtures.totalsMismatch(new ApiClient(port), TestData.BRANCH);
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
        UI.getCurrent().navigate("conflicts/" + raised.conflictId());

        _click(_get(Button.class, s -> s.withId("merge")));
        _click(_get(Button.class, s -> s.withId("merge-check")));

        assertThat(_get(com.vaadin.flow.component.html.UnorderedList.class, s -> s.withId("merge-problems")).getChildren().count())
                .isPositive();
        assertThat(_get(Button.class, s -> s.withId("merge-book")).isEnabled()).isFalse();
        assertThat(jdbc.queryForObject("SELECT status FROM offline_conflicts WHERE conflict_id = ?", String.class, raised.conflictId()))
                .isEqualTo("open");
    }

    @Test
    void a_resolution_without_a_comment_is_refused_and_changes_nothing() {
        Fixtures.Raised raised = Fixtures.totalsMismatch(new ApiClient(port), TestData.BRANCH);
        loginAdmin();
        UI.getCurrent().navigate("conflicts/" + raised.conflictId());

        _click(_get(Button.class, s -> s.withId("keep-server")));

        assertThat(_get(TextArea.class, s -> s.withId("resolve-comment")).isInvalid()).isTrue();
        assertThat(jdbc.queryForObject("SELECT status FROM offline_conflicts WHERE conflict_id = ?", String.class, raised.conflictId()))
                .isEqualTo("open");
    }

    @Test
    void bulk_keep_server_settles_every_selected_conflict_of_one_kind() {
        ApiClient api = new ApiClient(port);
        Fixtures.Raised a = Fixtures.totalsMismatch(api, TestData.BRANCH);
        Fixtures.Raised b = Fixtures.totalsMismatch(api, a.deviceId(), a.token(), TestData.BRANCH, 2);
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
        UI.getCurrent().navigate("conflicts");
        ConflictsView view = _get(ConflictsView.class);
        _setValue(_get(com.vaadin.flow.component.textfield.TextField.class, s -> s.withLabel("Device")), a.deviceId());
        @SuppressWarnings("unchecked")
        Grid<ConflictSummary> grid = _get(Grid.class);
        GridKt._fetch(grid, 0, 10).forEach(grid::select);
        assertThat(grid.getSelectedItems()).hasSize(2);

        _click(_get(Button.class, s -> s.withId("bulk-resolve")));
        _setValue(_get(TextArea.class, s -> s.withLabel("Comment (kept in the audit trail)")), "Duplicate test sales");
        _click(_get(Button.class, s -> s.withId("bulk-apply")));

        assertThat(view.filter().deviceId()).isEqualTo(a.deviceId());
        assertThat(jdbc.queryForList("SELECT resolution_strategy FROM offline_conflicts WHERE conflict_id IN (?, ?)", String.class,
                a.conflictId(), b.conflictId())).containsOnly("keep_server");
        assertThat(Set.copyOf(jdbc.queryForList("SELECT outcome FROM offline_conflicts WHERE device_id = ?", String.class, a.deviceId())))
                .containsExactly("booked");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_conflict_list_opens_with_the_filters_of_its_address() {
        Fixtures.Raised raised = Fixtures.totalsMismatch(new ApiClient(port), TestData.BRANCH);
        login(fixtures.manager(TestData.BRANCH), "MANAGER");

        UI.getCurrent().navigate("conflicts", com.vaadin.flow.router.QueryParameters.simple(
                java.util.Map.of("device", raised.deviceId(), "type", "data_mismatch", "state", "any")));

        assertThat(_get(com.vaadin.flow.component.textfield.TextField.class, s -> s.withId("filter-device")).getValue())
                .isEqualTo(raised.deviceId());
        Grid<ConflictSummary> grid = _get(Grid.class);
        assertThat(GridKt._fetch(grid, 0, 100)).extracting(ConflictSummary::conflictId).containsExactly(raised.conflictId());

        UI.getCurrent().navigate("conflicts", com.vaadin.flow.router.QueryParameters.simple(
                java.util.Map.of("device", raised.deviceId(), "type", "duplicate", "state", "not-a-state")));
        grid = _get(Grid.class);
        assertThat(GridKt._fetch(grid, 0, 100)).isEmpty();
        assertThat(grid.getEmptyStateText()).startsWith("No conflict matches these filters");
    }
}
