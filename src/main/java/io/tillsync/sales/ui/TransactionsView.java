package io.tillsync.sales.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
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
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import io.tillsync.base.ui.UrlFilters;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.tillsync.base.ui.Formats;
import io.tillsync.base.ui.Money;
import io.tillsync.base.ui.Pickers;
import io.tillsync.base.ui.Translations;
import io.tillsync.catalog.Branch;
import io.tillsync.sales.TransactionExport;
import io.tillsync.sales.TransactionFilter;
import io.tillsync.sales.TransactionQueries;
import io.tillsync.sales.TransactionRow;
import io.tillsync.security.ScopedBranches;
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

    private final Grid<TransactionRow> grid = new Grid<>();
    private final KeysetPager pager = new KeysetPager();
    private TransactionFilter filter = TransactionFilter.ALL;
    private final Select<String> status = new Select<>();
    private final TextField device = new TextField();
    private final TextField search = new TextField();

    TransactionsView(TransactionQueries queries, TransactionExport exports, ScopedBranches scopedBranches) {
        setSizeFull();
        add(new H2(getTranslation("nav.transactions")));
        List<Branch> branches = scopedBranches.visible();
        Map<Long, String> codes = branches.stream().collect(Collectors.toMap(Branch::getId, Branch::getCode));

        ComboBox<Branch> branch = new ComboBox<>(getTranslation("filter.branch"));
        branch.setItems(branches);
        branch.setItemLabelGenerator(Branch::getCode);
        branch.setClearButtonVisible(true);
        branch.addValueChangeListener(e -> apply(filter.withBranchId(e.getValue() == null ? null : e.getValue().getId())));
        device.setLabel(getTranslation("filter.device"));
        device.setValueChangeMode(ValueChangeMode.LAZY);
        device.setClearButtonVisible(true);
        device.addValueChangeListener(e -> apply(filter.withDeviceId(e.getValue())));
        DatePicker from = Pickers.date(getTranslation("filter.from"), getLocale());
        from.addValueChangeListener(e -> apply(filter.withFrom(e.getValue() == null ? null : e.getValue().atStartOfDay(Formats.ZONE).toInstant())));
        DatePicker to = Pickers.date(getTranslation("filter.to"), getLocale());
        to.addValueChangeListener(e -> apply(filter.withTo(e.getValue() == null ? null
                : e.getValue().plusDays(1).atStartOfDay(Formats.ZONE).toInstant())));
        status.setLabel(getTranslation("filter.status"));
        status.setItems("", "paid", "unpaid", "voided", "replaced");
        status.setItemLabelGenerator(s -> s.isEmpty() ? getTranslation("state.any") : Translations.code("txstatus.", s, getLocale()));
        status.setValue("");
        status.addValueChangeListener(e -> apply(filter.withStatus(e.getValue())));
        Select<String> channel = new Select<>();
        channel.setLabel(getTranslation("filter.channel"));
        channel.setItems("", "offline", "online");
        channel.setItemLabelGenerator(s -> s.isEmpty() ? getTranslation("state.any") : getTranslation("channel." + s));
        channel.setValue("");
        channel.addValueChangeListener(e -> apply(filter.withOffline(e.getValue().isEmpty() ? null : "offline".equals(e.getValue()))));
        ComboBox<String> method = new ComboBox<>(getTranslation("filter.payment"));
        method.setItems(PAYMENT_METHODS);
        method.setItemLabelGenerator(m -> Translations.code("payment.", m, getLocale()));
        method.setAllowCustomValue(true);
        method.addCustomValueSetListener(e -> method.setValue(e.getDetail()));
        method.setClearButtonVisible(true);
        method.addValueChangeListener(e -> apply(filter.withPaymentMethod(e.getValue())));
        search.setLabel(getTranslation("filter.search"));
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        search.setId("transaction-search");
        search.addValueChangeListener(e -> apply(filter.withSearch(e.getValue())));
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

        grid.addColumn(t -> Formats.dateTime(t.createdAtDevice(), getLocale())).setHeader(getTranslation("transactions.time")).setAutoWidth(true);
        grid.addColumn(TransactionRow::transactionCode).setHeader(getTranslation("transactions.code")).setAutoWidth(true);
        grid.addColumn(TransactionRow::tillReference).setHeader(getTranslation("col.reference")).setAutoWidth(true);
        grid.addColumn(t -> codes.getOrDefault(t.branchId(), "")).setHeader(getTranslation("col.branch")).setAutoWidth(true);
        grid.addColumn(TransactionRow::deviceId).setHeader(getTranslation("col.device")).setAutoWidth(true);
        grid.addColumn(t -> Translations.code("payment.", t.paymentMethod(), getLocale())).setHeader(getTranslation("filter.payment")).setAutoWidth(true);
        grid.addColumn(t -> Money.format(t.grandTotal(), getLocale())).setHeader(getTranslation("transactions.total"))
                .setAutoWidth(true).setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        grid.addColumn(t -> Translations.code("txstatus.", t.status(), getLocale())).setHeader(getTranslation("filter.status")).setAutoWidth(true);
        grid.addColumn(t -> getTranslation(t.offline() ? "channel.offline" : "channel.online")).setHeader(getTranslation("filter.channel")).setAutoWidth(true);
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
        grid.setSizeFull();
        add(grid);
    }

    private void apply(TransactionFilter next) {
        filter = next;
        pager.reset();
        grid.getDataProvider().refreshAll();
        UrlFilters.show(this, "transactions", "status", filter.status(), "device", filter.deviceId(), "q", filter.search());
    }

    /** Opens with the status, till and search of the address, as a reload or a shared link gives them. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters query = event.getLocation().getQueryParameters();
        String wanted = UrlFilters.part(query, "status");
        if (wanted != null && status.getListDataView().getItems().anyMatch(wanted::equals)) {
            status.setValue(wanted);
        }
        String till = UrlFilters.part(query, "device");
        if (till != null) {
            device.setValue(till);
        }
        String typed = UrlFilters.part(query, "q");
        if (typed != null) {
            search.setValue(typed);
        }
    }

    TransactionFilter filter() {
        return filter;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.transactions") + " · Tillsync";
    }
}
