package io.tillsync.sales.ui;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
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
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.tillsync.backoffice.Formats;
import io.tillsync.backoffice.Money;
import io.tillsync.backoffice.Pickers;
import io.tillsync.backoffice.Translations;
import io.tillsync.backoffice.TwoLines;
import io.tillsync.backoffice.UrlFilters;
import io.tillsync.catalog.Branch;
import io.tillsync.sales.TransactionExport;
import io.tillsync.sales.TransactionFilter;
import io.tillsync.sales.TransactionQueries;
import io.tillsync.sales.TransactionRow;
import io.tillsync.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.data.domain.PageRequest;

/** Sales of the user's branches, newest first, fast at any table size; filters and a CSV export of what is shown. */
@Route("transactions")
@Menu(order = 3, title = "Transactions")
@RolesAllowed({"ADMIN", "MANAGER"})
class TransactionsView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    static final int EXPORT_MAX = 100_000;
    static final int PAGE_SIZE = 25;
    /** The methods tills commonly send; a till may send others, which can be typed into the filter. */
    static final List<String> PAYMENT_METHODS = List.of("CASH", "QRIS", "DEBIT", "CREDIT", "EWALLET", "TRANSFER");
    /** What a payment method taken from the address may look like: a till's code, as the database keeps it. */
    static final String PAYMENT_METHOD_SHAPE = "[A-Za-z0-9_-]{1,30}";

    private final Grid<TransactionRow> grid = new Grid<>();
    private final KeysetPager pager = new KeysetPager();
    private TransactionFilter filter = TransactionFilter.ALL;
    private final ComboBox<Branch> branch = new ComboBox<>();
    private final TextField device = new TextField();
    private final DatePicker from;
    private final DatePicker to;
    private final Select<String> status = new Select<>();
    private final Select<String> channel = new Select<>();
    private final ComboBox<String> method = new ComboBox<>();
    private final TextField search = new TextField();
    /** While the address sets the fields one by one, the list is read once at the end, not per field. */
    private boolean entering;

    TransactionsView(TransactionQueries queries, TransactionExport exports, CurrentUser currentUser) {
        setSizeFull();
        add(new H2(getTranslation("nav.transactions")));
        List<Branch> branches = currentUser.visibleBranches();
        Map<Long, String> names = branches.stream().collect(Collectors.toMap(Branch::id, Branch::name));

        branch.setLabel(getTranslation("filter.branch"));
        branch.setItems(branches);
        branch.setItemLabelGenerator(Branch::label);
        branch.setClearButtonVisible(true);
        branch.setId("filter-branch");
        device.setLabel(getTranslation("filter.device"));
        device.setValueChangeMode(ValueChangeMode.LAZY);
        device.setClearButtonVisible(true);
        device.setId("filter-device");
        from = Pickers.date(getTranslation("filter.from"), getLocale());
        from.setId("filter-from");
        to = Pickers.date(getTranslation("filter.to"), getLocale());
        to.setId("filter-to");
        status.setLabel(getTranslation("filter.status"));
        status.setItems("", "paid", "unpaid", "voided", "replaced");
        status.setItemLabelGenerator(s -> s.isEmpty() ? getTranslation("state.any") : Translations.code("txstatus.", s, getLocale()));
        status.setValue("");
        status.setId("filter-status");
        channel.setLabel(getTranslation("filter.channel"));
        channel.setItems("", "offline", "online");
        channel.setItemLabelGenerator(s -> s.isEmpty() ? getTranslation("state.any") : getTranslation("channel." + s));
        channel.setValue("");
        channel.setId("filter-channel");
        method.setLabel(getTranslation("filter.payment"));
        method.setItems(PAYMENT_METHODS);
        method.setItemLabelGenerator(m -> Translations.code("payment.", m, getLocale()));
        method.setAllowCustomValue(true);
        method.addCustomValueSetListener(e -> method.setValue(e.getDetail()));
        method.setClearButtonVisible(true);
        method.setId("filter-payment");
        search.setLabel(getTranslation("filter.search"));
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        search.setId("transaction-search");
        for (HasValue<?, ?> field : List.<HasValue<?, ?>>of(branch, device, from, to, status, channel, method, search)) {
            field.addValueChangeListener(e -> {
                if (!entering) {
                    apply();
                }
            });
        }
        // streamed straight to the response page by page: a large export never sits in memory
        java.util.Locale locale = getLocale();
        DownloadHandler csv = event -> {
            event.setFileName("transactions-" + LocalDate.now(Formats.ZONE) + ".csv");
            event.setContentType("text/csv; charset=UTF-8");
            TransactionCsv.write(exports, filter, EXPORT_MAX, locale, event.getOutputStream());
        };
        Anchor export = new Anchor(csv, getTranslation("transactions.export"));
        export.setId("transactions-export");
        HorizontalLayout bar = new HorizontalLayout(branch, device, from, to, status, channel, method, search, export);
        bar.setWrap(true);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(bar);

        // six columns, the secondary facts on a second line: Total and Status stay in view on a laptop's 1366 px
        grid.addColumn(t -> Formats.dateTime(t.createdAtDevice(), getLocale())).setHeader(getTranslation("transactions.time")).setWidth("12rem");
        grid.addColumn(TwoLines.of(TransactionRow::transactionCode, TransactionRow::tillReference)).setHeader(getTranslation("transactions.code"))
                .setWidth("15rem");
        grid.addColumn(TwoLines.of(TransactionRow::deviceId, t -> names.getOrDefault(t.branchId(), ""))).setHeader(getTranslation("col.device"))
                .setWidth("10rem");
        grid.addColumn(t -> Translations.code("payment.", t.paymentMethod(), getLocale())).setHeader(getTranslation("col.payment")).setWidth("9rem");
        grid.addColumn(t -> Money.format(t.grandTotal(), getLocale())).setHeader(getTranslation("transactions.total"))
                .setWidth("9rem").setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        grid.addColumn(TwoLines.of(t -> Translations.code("txstatus.", t.status(), getLocale()),
                t -> getTranslation(t.offline() ? "channel.offline" : "channel.online"))).setHeader(getTranslation("filter.status")).setWidth("8rem");
        grid.addThemeVariants(GridVariant.WRAP_CELL_CONTENT);
        // the server keeps the rows of the pages around the viewport for the session: a page about a
        // tablet screen's worth keeps that to some fifty rows instead of a hundred
        grid.setPageSize(PAGE_SIZE);
        grid.setItems(q -> {
            int offset = q.getOffset();
            List<TransactionRow> rows = queries.list(filter, PageRequest.of(offset / q.getLimit(), q.getLimit()), pager.startingAt(offset))
                    .getContent();
            pager.fetched(offset, rows);
            return rows.stream();
        });
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(TransactionView.class,
                new RouteParameters("id", Long.toString(e.getItem().id())))));
        grid.setEmptyStateText(getTranslation("transactions.empty"));
        grid.setId("transactions-grid");
        grid.setSizeFull();
        add(grid);
    }

    private void apply() {
        filter = TransactionFilter.ALL.withBranchId(branch.getValue() == null ? null : branch.getValue().id())
                .withDeviceId(device.getValue())
                .withFrom(from.getValue() == null ? null : from.getValue().atStartOfDay(Formats.ZONE).toInstant())
                .withTo(to.getValue() == null ? null : to.getValue().plusDays(1).atStartOfDay(Formats.ZONE).toInstant())
                .withStatus(status.getValue())
                .withOffline(channel.getValue().isEmpty() ? null : "offline".equals(channel.getValue()))
                .withPaymentMethod(method.getValue())
                .withSearch(search.getValue());
        pager.reset();
        grid.getDataProvider().refreshAll();
        UrlFilters.show(this, "transactions", "branch", branch.getValue() == null ? null : branch.getValue().code(),
                "device", filter.deviceId(), "from", from.getValue() == null ? null : from.getValue().toString(),
                "to", to.getValue() == null ? null : to.getValue().toString(), "status", filter.status(), "channel", channel.getValue(),
                "method", filter.paymentMethod(), "q", filter.search());
    }

    /**
     * Opens with the whole filter of the address, as a reload, a shared link or a dashboard tile
     * gives it; a part the address leaves out is cleared. A value the page would not offer (another
     * branch, a date that is none, a made-up status) is ignored rather than refused.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters query = event.getLocation().getQueryParameters();
        entering = true;
        try {
            String code = UrlFilters.part(query, "branch");
            branch.setValue(branch.getListDataView().getItems().filter(b -> b.code().equals(code)).findFirst().orElse(null));
            device.setValue(orEmpty(UrlFilters.part(query, "device")));
            from.setValue(UrlFilters.date(query, "from"));
            to.setValue(UrlFilters.date(query, "to"));
            status.setValue(offered(status, UrlFilters.part(query, "status")));
            channel.setValue(offered(channel, UrlFilters.part(query, "channel")));
            String typed = UrlFilters.part(query, "method");
            method.setValue(typed != null && typed.matches(PAYMENT_METHOD_SHAPE) ? typed : null);
            search.setValue(orEmpty(UrlFilters.part(query, "q")));
        } finally {
            entering = false;
        }
        apply();
    }

    private static String offered(Select<String> field, String value) {
        return value != null && field.getListDataView().getItems().anyMatch(value::equals) ? value : "";
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    TransactionFilter filter() {
        return filter;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.transactions") + " · Tillsync";
    }
}
