package io.tillsync.health.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import io.tillsync.backoffice.Formats;
import io.tillsync.backoffice.UrlFilters;
import io.tillsync.catalog.Branch;
import io.tillsync.devices.DeviceService;
import io.tillsync.health.DeviceFilter;
import io.tillsync.health.DeviceHealth;
import io.tillsync.health.DeviceHealthService;
import io.tillsync.health.HealthState;
import io.tillsync.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;

/** Every till of the user's branches with its sync health, the troubled ones first, paged in the database. */
@Route("devices")
@Menu(order = 2, title = "Devices")
@RolesAllowed({"ADMIN", "MANAGER"})
class DevicesView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final Grid<DeviceHealth> grid = new Grid<>();
    private final ComboBox<Branch> branch = new ComboBox<>();
    private final ComboBox<HealthState> state = new ComboBox<>();
    private final TextField search = new TextField();
    private DeviceFilter filter = DeviceFilter.ALL;

    DevicesView(DeviceHealthService health, DeviceService devices, CurrentUser currentUser) {
        setSizeFull();
        add(new H2(getTranslation("nav.devices")));
        List<Branch> visible = currentUser.visibleBranches();
        branch.setLabel(getTranslation("filter.branch"));
        branch.setItems(visible);
        branch.setItemLabelGenerator(Branch::label);
        branch.setClearButtonVisible(true);
        branch.addValueChangeListener(e -> apply(filter.withBranchId(e.getValue() == null ? null : e.getValue().id())));
        state.setLabel(getTranslation("filter.state"));
        state.setItems(HealthState.values());
        state.setItemLabelGenerator(s -> getTranslation("health." + s.name().toLowerCase(java.util.Locale.ROOT)));
        state.setClearButtonVisible(true);
        state.addValueChangeListener(e -> apply(filter.withState(e.getValue())));
        search.setLabel(getTranslation("filter.device"));
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        search.addValueChangeListener(e -> apply(filter.withSearch(e.getValue())));
        HorizontalLayout bar = new HorizontalLayout(branch, state, search);
        bar.setWrap(true);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        if (currentUser.require().admin()) {
            Button enroll = new Button(getTranslation("devices.enroll"), e -> new EnrollDialog(devices, visible, done -> {
                grid.getDataProvider().refreshAll();
                new TokenDialog(done).open();
            }).open());
            enroll.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            enroll.setId("enroll");
            bar.add(enroll);
        }
        add(bar);

        grid.addColumn(DeviceHealth::deviceId).setHeader(getTranslation("col.device")).setAutoWidth(true).setFrozen(true);
        grid.addColumn(DeviceHealth::branchLabel).setHeader(getTranslation("col.branch")).setAutoWidth(true);
        grid.addColumn(StateBadge.renderer(DeviceHealth::state, getLocale())).setHeader(getTranslation("col.state")).setAutoWidth(true);
        grid.addColumn(d -> Formats.age(d.lastSeenAt(), Instant.now(), getLocale())).setHeader(getTranslation("devices.lastSeen")).setAutoWidth(true);
        grid.addColumn(d -> Formats.dateTime(d.lastSuccessAt(), getLocale())).setHeader(getTranslation("devices.lastSuccess")).setAutoWidth(true);
        grid.addColumn(d -> d.queueDepth() == null ? "—" : d.queueDepth().toString()).setHeader(getTranslation("devices.queue")).setAutoWidth(true);
        grid.addColumn(d -> d.appVersion() == null ? "—" : d.appVersion()).setHeader(getTranslation("devices.version")).setAutoWidth(true);
        grid.addColumn(d -> d.clockSkewMs() == null ? "—" : Formats.seconds(d.clockSkewMs(), getLocale()))
                .setHeader(getTranslation("devices.skew")).setAutoWidth(true);
        grid.addColumn(DeviceHealth::recentFailures).setHeader(getTranslation("devices.failures")).setAutoWidth(true);
        grid.addColumn(DeviceHealth::openConflicts).setHeader(getTranslation("nav.conflicts")).setAutoWidth(true);
        grid.addColumn(DeviceHealth::missingSales).setHeader(getTranslation("devices.gaps")).setAutoWidth(true);
        // filtered, ordered by state and paged in the database: only the rows in view are read
        grid.setItems(q -> health.list(filter, VaadinSpringDataHelpers.toSpringPageRequest(q)).stream());
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(DeviceView.class,
                new RouteParameters("deviceId", e.getItem().deviceId()))));
        grid.setEmptyStateText(getTranslation("devices.empty"));
        grid.setSizeFull();
        add(grid);
    }

    /** Opens with the filters of the address, as a reload, a bookmark or a dashboard tile gives them. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters query = event.getLocation().getQueryParameters();
        String code = UrlFilters.part(query, "branch");
        branch.getListDataView().getItems().filter(b -> b.code().equals(code)).findFirst().ifPresent(branch::setValue);
        String named = UrlFilters.part(query, "state");
        java.util.Arrays.stream(HealthState.values()).filter(s -> s.name().equalsIgnoreCase(named)).findFirst().ifPresent(state::setValue);
        String typed = UrlFilters.part(query, "q");
        if (typed != null) {
            search.setValue(typed);
        }
    }

    private void apply(DeviceFilter next) {
        filter = next;
        grid.getDataProvider().refreshAll();
        UrlFilters.show(this, "devices", "branch", branch.getValue() == null ? null : branch.getValue().code(),
                "state", filter.state() == null ? null : filter.state().name().toLowerCase(java.util.Locale.ROOT), "q", filter.search());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.devices") + " · Tillsync";
    }
}
