package io.tillsync.conflicts.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import io.tillsync.backoffice.Formats;
import io.tillsync.backoffice.LiveRefresh;
import io.tillsync.backoffice.Translations;
import io.tillsync.backoffice.TwoLines;
import io.tillsync.backoffice.UrlFilters;
import io.tillsync.catalog.Branch;
import io.tillsync.conflicts.ConflictFilter;
import io.tillsync.conflicts.ConflictQueries;
import io.tillsync.conflicts.ConflictSummary;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.Resolutions;
import io.tillsync.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.domain.PageRequest;

/** Conflicts of the user's branches, open ones first, with bulk settling of many of one kind. */
@Route("conflicts")
@Menu(order = 1, title = "Conflicts")
@RolesAllowed({"ADMIN", "MANAGER"})
class ConflictsView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final ConflictQueries queries;
    private final Grid<ConflictSummary> grid = new Grid<>();
    private ConflictFilter filter = ConflictFilter.OPEN;

    private final ComboBox<Branch> branch = new ComboBox<>();
    private final ComboBox<String> type = new ComboBox<>();
    private final Select<String> state = new Select<>();
    private final TextField device = new TextField();
    private final Select<String> age = new Select<>();

    private final Button bulk = new Button();
    private final Span bulkHint = new Span();

    ConflictsView(ConflictQueries queries, Resolutions resolutions, CurrentUser currentUser, LiveRefresh live) {
        this.queries = queries;
        setSizeFull();
        add(new H2(getTranslation("conflicts.title")));

        branch.setLabel(getTranslation("filter.branch"));
        branch.setItems(currentUser.visibleBranches());
        branch.setItemLabelGenerator(Branch::label);
        branch.setClearButtonVisible(true);
        branch.addValueChangeListener(e -> apply(filter.withBranchId(e.getValue() == null ? null : e.getValue().id())));

        type.setLabel(getTranslation("filter.type"));
        type.setItems(Arrays.stream(ConflictType.values()).map(ConflictType::wire).toList());
        type.setItemLabelGenerator(t -> Translations.code("conflictType.", t, getLocale()));
        type.setClearButtonVisible(true);
        type.addValueChangeListener(e -> apply(filter.withConflictType(e.getValue())));

        state.setLabel(getTranslation("filter.state"));
        state.setItems("open", "held", "resolved", "any");
        state.setItemLabelGenerator(s -> getTranslation("state." + s));
        state.setValue("open");
        state.addValueChangeListener(e -> apply(filter.withStatus("any".equals(e.getValue()) ? null : e.getValue())));

        device.setLabel(getTranslation("filter.device"));
        device.setValueChangeMode(ValueChangeMode.LAZY);
        device.setClearButtonVisible(true);
        device.setId("filter-device");
        device.addValueChangeListener(e -> apply(filter.withDeviceId(e.getValue())));

        age.setLabel(getTranslation("filter.age"));
        age.setItems("any", "PT1H", "PT24H", "P7D");
        age.setItemLabelGenerator(a -> getTranslation("age." + a));
        age.setValue("any");
        age.addValueChangeListener(e -> apply(filter.withMinAge("any".equals(e.getValue()) ? null : Duration.parse(e.getValue()))));

        bulk.setText(getTranslation("conflicts.bulk"));
        bulk.addClickListener(e -> new BulkResolveDialog(grid.getSelectedItems(), resolutions, currentUser, () -> {
            grid.deselectAll();
            grid.getDataProvider().refreshAll();
        }).open());
        bulk.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        bulk.setId("bulk-resolve");
        Button selectAll = new Button(getTranslation("conflicts.selectAll"), e -> selectAllOpen());
        selectAll.setId("select-all");
        bulkHint.setId("bulk-hint");
        bulkHint.addClassName("bulk-hint");
        selectionChanged(Set.of());

        HorizontalLayout filters = new HorizontalLayout(branch, type, state, device, age);
        filters.setWrap(true);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        HorizontalLayout bulkBar = new HorizontalLayout(selectAll, bulk, bulkHint);
        bulkBar.setWrap(true);
        bulkBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(filters, bulkBar);

        // five two-line columns instead of ten: every fact of a conflict stays in view on a laptop's 1366 px
        grid.addColumn(TwoLines.of(c -> Formats.age(c.createdAt(), Instant.now(), getLocale()), c -> Formats.dateTime(c.createdAt(), getLocale())))
                .setHeader(getTranslation("col.raised")).setWidth("10rem");
        // the branch by the name people call it; its code stays in the filter and the address
        Map<String, String> branchNames = currentUser.visibleBranches().stream().collect(Collectors.toMap(Branch::code, Branch::name));
        grid.addColumn(TwoLines.of(ConflictSummary::deviceId, c -> branchNames.getOrDefault(c.branchCode(), c.branchCode())))
                .setHeader(getTranslation("col.device"))
                .setWidth("10rem");
        grid.addColumn(TwoLines.of(ConflictSummary::offlineReference, c -> Translations.code("item.", c.itemType().wire(), getLocale())))
                .setHeader(getTranslation("col.reference")).setWidth("14rem");
        grid.addColumn(TwoLines.of(c -> Translations.code("reason.", c.reason(), getLocale()),
                c -> Translations.code("conflictType.", c.conflictType().wire(), getLocale()))).setHeader(getTranslation("col.reason")).setWidth("12rem");
        grid.addColumn(TwoLines.of(c -> getTranslation("state." + c.status().wire()), c -> c.strategy() == null ? ""
                        : Translations.code("strategy.", c.strategy(), getLocale()) + (c.autoResolved() ? " (" + getTranslation("conflicts.byPolicy") + ")" : "")))
                .setHeader(getTranslation("col.state")).setWidth("12rem");
        grid.addThemeVariants(GridVariant.WRAP_CELL_CONTENT);
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.setItems(q -> queries.list(filter, VaadinSpringDataHelpers.toSpringPageRequest(q)).stream());
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ConflictView.class, ConflictView.of(e.getItem().conflictId()))));
        grid.addSelectionListener(e -> selectionChanged(e.getAllSelectedItems()));
        grid.setEmptyStateText(getTranslation("conflicts.empty"));
        grid.setId("conflicts-grid");
        grid.setSizeFull();
        add(grid);
        // new conflicts and ones settled elsewhere appear without a reload; the selection stays
        live.whileAttached(this, () -> {
            Set<String> kept = new java.util.HashSet<>();
            grid.getSelectedItems().forEach(c -> kept.add(c.conflictId()));
            grid.getDataProvider().refreshAll();
            if (!kept.isEmpty()) {
                grid.deselectAll();
                queries.list(filter, PageRequest.of(0, SELECT_ALL_LIMIT)).stream().filter(c -> kept.contains(c.conflictId()))
                        .filter(ConflictSummary::open).forEach(grid::select);
            }
        });
    }

    /** Select-all takes the open conflicts the filter shows, up to a batch a person can still answer for. */
    static final int SELECT_ALL_LIMIT = 200;

    void selectAllOpen() {
        grid.deselectAll();
        queries.list(filter, PageRequest.of(0, SELECT_ALL_LIMIT)).stream().filter(ConflictSummary::open).forEach(grid::select);
        selectionChanged(grid.getSelectedItems());
    }

    /** The bulk button works only for one kind of trouble; when it cannot, the page says why instead of greying out silently. */
    private void selectionChanged(Set<ConflictSummary> selected) {
        bulk.setEnabled(BulkResolveDialog.oneKind(selected));
        String hint;
        if (selected.isEmpty()) {
            hint = getTranslation("bulk.hint.none");
        } else if (!selected.stream().allMatch(ConflictSummary::open)) {
            hint = getTranslation("bulk.hint.settled");
        } else if (!sameKind(selected)) {
            hint = getTranslation("bulk.hint.mixed", selected.stream().map(c -> Translations.code("reason.", c.reason(), getLocale()))
                    .distinct().sorted().collect(java.util.stream.Collectors.joining(", ")));
        } else {
            hint = getTranslation("bulk.hint.ready", selected.size());
        }
        bulkHint.setText(hint);
    }

    private void apply(ConflictFilter next) {
        filter = next;
        grid.deselectAll();
        grid.getDataProvider().refreshAll();
        UrlFilters.show(this, "conflicts", "branch", branch.getValue() == null ? null : branch.getValue().code(),
                "type", type.getValue(), "state", "open".equals(state.getValue()) ? null : state.getValue(), "device", filter.deviceId(),
                "age", "any".equals(age.getValue()) ? null : age.getValue());
    }

    /** Opens with the filters of the address, as a reload, a bookmark or a dashboard tile gives them. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters query = event.getLocation().getQueryParameters();
        String code = UrlFilters.part(query, "branch");
        branch.getListDataView().getItems().filter(b -> b.code().equals(code)).findFirst().ifPresent(branch::setValue);
        pick(type, UrlFilters.part(query, "type"));
        pick(state, UrlFilters.part(query, "state"));
        pick(age, UrlFilters.part(query, "age"));
        String typed = UrlFilters.part(query, "device");
        if (typed != null) {
            device.setValue(typed);
        }
    }

    /** Only a value the list offers: an address typed by hand cannot put anything else in a filter. */
    @SuppressWarnings("unchecked")
    private static void pick(com.vaadin.flow.data.provider.HasListDataView<String, ?> field, String value) {
        if (value != null && field.getListDataView().getItems().anyMatch(value::equals)) {
            ((com.vaadin.flow.component.HasValue<?, String>) field).setValue(value);
        }
    }

    ConflictFilter filter() {
        return filter;
    }

    static boolean sameKind(Set<ConflictSummary> selected) {
        return selected.stream().map(c -> List.of(c.itemType(), c.conflictType(), c.reason())).distinct().count() == 1;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.conflicts") + " · Tillsync";
    }
}
