package io.tillsync.sales.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.textfield.TextField;
import io.tillsync.sales.TransactionFilter;
import io.tillsync.sales.TransactionQueries;
import io.tillsync.sales.TransactionRow;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;

class TransactionViewsTest extends UiTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    TransactionQueries queries;

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
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        TransactionCsv.write(queries, TransactionFilter.ALL.withDeviceId(device), 100, out);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.getFirst()).isEqualTo(TransactionCsv.HEADER);
        assertThat(lines.get(1)).contains(refs.get(2)).contains(",16500.00,");
        assertThat(TransactionCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
