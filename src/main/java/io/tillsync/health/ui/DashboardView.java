package io.tillsync.health.ui;

import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.tillsync.backoffice.DashboardPart;
import io.tillsync.backoffice.Formats;
import io.tillsync.backoffice.LiveRefresh;
import io.tillsync.backoffice.SvgChart;
import io.tillsync.conflicts.ConflictQueries;
import io.tillsync.health.DeviceFilter;
import io.tillsync.health.DeviceHealth;
import io.tillsync.health.DeviceHealthService;
import io.tillsync.health.HealthState;
import io.tillsync.health.SyncActivity;
import io.tillsync.health.SyncActivityService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.domain.PageRequest;

/**
 * The page a manager keeps open: how the tills of their branches sync right now, updated by
 * server push without a reload.
 */
@Route("")
@Menu(order = 0, title = "Sync health")
@RolesAllowed({"ADMIN", "MANAGER"})
class DashboardView extends VerticalLayout implements HasDynamicTitle {

    /** The worst tills first; the devices page has the rest. */
    static final int ATTENTION_ROWS = 15;

    private final DeviceHealthService health;
    private final SyncActivityService activity;
    private final ConflictQueries conflicts;
    private final FlexLayout tiles = new FlexLayout();
    private final FlexLayout charts = new FlexLayout();
    private final Grid<DeviceHealth> attention = new Grid<>();
    private final Span updated = new Span();

    private final List<DashboardPart.Section> parts;

    DashboardView(DeviceHealthService health, SyncActivityService activity, ConflictQueries conflicts, LiveRefresh live,
                  List<DashboardPart> contributed) {
        this.health = health;
        this.activity = activity;
        this.conflicts = conflicts;
        tiles.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        tiles.getStyle().set("gap", "0.75rem");
        tiles.setId("dashboard-tiles");
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.getStyle().set("gap", "1rem");
        charts.setWidthFull();
        updated.setId("dashboard-updated");
        updated.getStyle().set("color", "#5c6573").set("font-size", "0.8rem");
        attention.addColumn(DeviceHealth::deviceId).setHeader(getTranslation("col.device")).setAutoWidth(true);
        attention.addColumn(DeviceHealth::branchLabel).setHeader(getTranslation("col.branch")).setAutoWidth(true);
        attention.addColumn(StateBadge.renderer(DeviceHealth::state, getLocale())).setHeader(getTranslation("col.state")).setAutoWidth(true);
        attention.addColumn(d -> Formats.age(d.lastSeenAt(), Instant.now(), getLocale())).setHeader(getTranslation("devices.lastSeen")).setAutoWidth(true);
        attention.addColumn(DeviceHealth::openConflicts).setHeader(getTranslation("nav.conflicts")).setAutoWidth(true);
        attention.addColumn(DeviceHealth::missingSales).setHeader(getTranslation("devices.gaps")).setAutoWidth(true);
        attention.setAllRowsVisible(true);
        attention.setId("attention");
        attention.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(DeviceView.class,
                new RouteParameters("deviceId", e.getItem().deviceId()))));
        add(new H2(getTranslation("nav.dashboard")), updated, tiles, charts, new H3(getTranslation("dashboard.attention")), attention);
        // parts other modules offer (backups and restores, for an admin), each deciding whether it is for this user
        parts = contributed.stream().flatMap(p -> p.create().stream()).toList();
        parts.forEach(p -> add(p.component()));
        refresh();
        live.whileAttached(this, this::refresh);
    }

    /** Rebuilds the figures; runs on open and then from the push refresher. */
    void refresh() {
        Instant now = Instant.now();
        Map<HealthState, Long> byState = health.countByState();
        SyncActivity a = activity.lastHour();
        ConflictQueries.Backlog backlog = conflicts.backlog();
        tiles.removeAll();
        for (HealthState s : HealthState.values()) {
            tiles.add(tile("health." + s.name().toLowerCase(Locale.ROOT), Long.toString(byState.get(s)), "tile-" + s.name().toLowerCase(Locale.ROOT)));
        }
        tiles.add(tile("dashboard.requests", Long.toString(SyncActivity.sum(a.requests())), "tile-requests"),
                tile("dashboard.sales", Long.toString(SyncActivity.sum(a.sales())), "tile-sales"),
                tile("dashboard.failureRate", Formats.percent(a.failureRate(), getLocale()), "tile-failure-rate"),
                tile("dashboard.conflictRate", Formats.percent(a.conflictRate(), getLocale()), "tile-conflict-rate"),
                tile("dashboard.backlog", Long.toString(backlog.open()), "tile-backlog"),
                tile("dashboard.oldest", Formats.age(backlog.oldest(), now, getLocale()), "tile-oldest"));
        String[] x = {getTranslation("dashboard.hourAgo"), getTranslation("dashboard.now")};
        charts.removeAll();
        charts.add(chart(SvgChart.lines(List.of(
                new SvgChart.Series(getTranslation("dashboard.requestsPerMinute"), "#1a73e8", doubles(a.requests())),
                new SvgChart.Series(getTranslation("dashboard.failedPerMinute"), "#d93025", doubles(a.failedRequests()))),
                480, 160, getTranslation("dashboard.syncChart"), x)),
                chart(SvgChart.lines(List.of(
                        new SvgChart.Series(getTranslation("dashboard.salesPerMinute"), "#188038", doubles(a.sales())),
                        new SvgChart.Series(getTranslation("dashboard.conflictsPerMinute"), "#e37400", doubles(a.conflicts()))),
                        480, 160, getTranslation("dashboard.salesChart"), x)));
        attention.setItems(health.list(DeviceFilter.ALL.withNeedsAttention(true), PageRequest.of(0, ATTENTION_ROWS)).getContent());
        updated.setText(getTranslation("dashboard.updated", Formats.dateTime(now, getLocale())));
        parts.forEach(DashboardPart.Section::refresh);
    }

    private static Div chart(String svg) {
        Div box = new Div(new Svg(svg));
        box.getStyle().set("flex", "1 1 420px").set("min-width", "300px");
        return box;
    }

    /** Each tile opens the list behind its figure, filtered to it. */
    private static final java.util.Map<String, String> BEHIND = java.util.Map.of("tile-requests", "devices", "tile-sales", "transactions",
            "tile-failure-rate", "devices?state=failing", "tile-conflict-rate", "conflicts", "tile-backlog", "conflicts",
            "tile-oldest", "conflicts");

    private Div tile(String key, String value, String id) {
        Span v = new Span(value);
        v.addClassName("kpi-value");
        Span l = new Span(getTranslation(key));
        l.addClassName("kpi-label");
        Div tile = new Div(v, new Div(l));
        tile.addClassName("kpi");
        tile.setId(id);
        String href = id.startsWith("tile-") && !BEHIND.containsKey(id) ? "devices?state=" + id.substring(5) : BEHIND.get(id);
        tile.getElement().setAttribute("role", "link").setAttribute("tabindex", "0").setAttribute("data-href", href);
        com.vaadin.flow.router.Location to = new com.vaadin.flow.router.Location(href);
        tile.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate(to.getPath(), to.getQueryParameters())));
        tile.getElement().addEventListener("keydown", e -> getUI().ifPresent(ui -> ui.navigate(to.getPath(), to.getQueryParameters())))
                .setFilter("event.key === 'Enter'");
        return tile;
    }

    private static double[] doubles(long[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.dashboard") + " · Tillsync";
    }
}
