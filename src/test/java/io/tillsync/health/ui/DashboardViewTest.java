package io.tillsync.health.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.tillsync.health.DeviceHealth;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import io.tillsync.support.UiTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.tillsync.health.ui.DashboardView;

class DashboardViewTest extends UiTest {

    @Autowired
    io.tillsync.devices.SyncLog syncLog;

    private static String tile(String id) {
        return _get(Div.class, s -> s.withId(id)).getChildren().findFirst().map(c -> ((Span) c).getText()).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<DeviceHealth> attention() {
        Grid<DeviceHealth> grid = _get(Grid.class, s -> s.withId("attention"));
        return grid.getGenericDataView().getItems().toList();
    }

    @Test
    void dashboard_counts_the_backlog_and_lists_troubled_tills_of_the_managers_branch_only() {
        ApiClient api = new ApiClient(port);
        Fixtures.Raised mine = Fixtures.totalsMismatch(api, TestData.BRANCH);
        Fixtures.Raised other = Fixtures.totalsMismatch(api, TestData.OTHER_BRANCH);
        String manager = fixtures.manager(TestData.BRANCH);
        login(manager, "MANAGER");

        UI.getCurrent().navigate("");

        assertThat(Long.parseLong(tile("tile-backlog"))).isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(tile("tile-requests"))).isGreaterThanOrEqualTo(1);
        List<DeviceHealth> shown = attention();
        assertThat(shown).extracting(DeviceHealth::branchCode).containsOnly(TestData.BRANCH);
        assertThat(shown).extracting(DeviceHealth::deviceId).doesNotContain(other.deviceId());
        // the list holds the worst few: a till with an open conflict is on it unless as many tills are worse off
        if (shown.stream().noneMatch(d -> d.deviceId().equals(mine.deviceId()))) {
            assertThat(shown).hasSize(DashboardView.ATTENTION_ROWS)
                    .allSatisfy(d -> assertThat(d.state()).isLessThanOrEqualTo(io.tillsync.health.HealthState.CONFLICTS));
        }
    }

    @Test
    void a_refresh_picks_up_what_happened_since_the_page_opened() {
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
        UI.getCurrent().navigate("");
        DashboardView view = _get(DashboardView.class);
        long before = Long.parseLong(tile("tile-sales"));
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        var sale = Sales.sale(device, 1, 1238, 1, 15000);
        sale.put("created_at_device", java.time.Instant.now().minusSeconds(5).toString());
        api.sync(token, Sales.batch(device, List.of(sale)));
        // device health is written in the background: read it once it is written
        syncLog.flush();

        view.refresh();

        assertThat(Long.parseLong(tile("tile-sales"))).isEqualTo(before + 1);
    }
}
