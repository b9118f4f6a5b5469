package io.tillsync.sales.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.tillsync.backoffice.Fact;
import io.tillsync.backoffice.Formats;
import io.tillsync.backoffice.Money;
import io.tillsync.backoffice.Translations;
import io.tillsync.base.Json;
import io.tillsync.sales.TransactionDetail;
import io.tillsync.sales.TransactionQueries;
import io.tillsync.sales.TransactionRow;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** One sale with its lines, payments, voids, stock movements, raw document and conflict. */
@Route("transactions/:id")
@RolesAllowed({"ADMIN", "MANAGER"})
class TransactionView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final TransactionQueries queries;

    TransactionView(TransactionQueries queries) {
        this.queries = queries;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        Optional<TransactionDetail> found = event.getRouteParameters().get("id").filter(s -> s.matches("\\d{1,18}"))
                .flatMap(id -> queries.find(Long.parseLong(id)));
        if (found.isEmpty()) {
            H2 none = new H2(getTranslation("transactions.notfound"));
            none.setId("transaction-not-found");
            add(none);
            return;
        }
        TransactionDetail d = found.get();
        TransactionRow t = d.row();
        add(new H2(t.transactionCode()));
        Div facts = new Div();
        // a replaced sale reads under the reference the till printed, with the sale that took its place
        String reference = t.tillReference() + (d.replacedBy() == null ? "" : " (" + getTranslation("transactions.replacedBy", d.replacedBy()) + ")");
        facts.add(fact("col.reference", reference), fact("col.branch", Formats.named(d.branchName(), d.branchCode())),
                fact("col.device", Formats.named(d.deviceName(), t.deviceId())),
                fact("transactions.time", Formats.dateTime(t.createdAtDevice(), getLocale())),
                fact("transactions.received", Formats.dateTime(t.receivedAt(), getLocale())),
                fact("filter.status", Translations.code("txstatus.", t.status(), getLocale())),
                fact("filter.channel", getTranslation(t.offline() ? "channel.offline" : "channel.online")),
                fact("filter.payment", Translations.code("payment.", t.paymentMethod(), getLocale())), fact("transactions.subtotal", money(d.subtotal())),
                fact("transactions.discount", money(d.discountTotal())), fact("transactions.tax", money(d.taxTotal())),
                fact("transactions.total", money(t.grandTotal())), fact("transactions.variance", money(d.priceVariance())));
        add(facts);

        Grid<TransactionDetail.Line> lines = new Grid<>();
        lines.addColumn(TransactionDetail.Line::lineNo).setHeader("#").setAutoWidth(true);
        lines.addColumn(l -> l.productId() + " · " + (l.productName() == null ? "" : l.productName())).setHeader(getTranslation("transactions.product"))
                .setAutoWidth(true);
        lines.addColumn(l -> l.quantity().stripTrailingZeros().toPlainString()).setHeader(getTranslation("transactions.quantity"));
        lines.addColumn(l -> money(l.unitPrice())).setHeader(getTranslation("transactions.unitPrice"));
        lines.addColumn(l -> l.serverUnitPrice() == null ? "" : money(l.serverUnitPrice())).setHeader(getTranslation("transactions.serverPrice"));
        lines.addColumn(l -> money(l.subtotal())).setHeader(getTranslation("transactions.subtotal"));
        lines.setItems(d.lines());
        lines.setAllRowsVisible(true);
        lines.setId("transaction-lines");
        add(new H3(getTranslation("transactions.lines")), lines);

        add(new H3(getTranslation("transactions.payments")));
        add(list(d.payments().stream().map(p -> Translations.code("payment.", p.method(), getLocale()) + " · " + money(p.amount()) + " · " + Formats.dateTime(p.paidAtDevice(), getLocale())
                + (p.gatewayReference() == null ? "" : " · " + p.gatewayReference())).toList()));
        add(new H3(getTranslation("transactions.voids")));
        add(list(d.voids().stream().map(v -> Formats.dateTime(v.voidedAtDevice(), getLocale()) + " · " + v.reason()).toList()));
        add(new H3(getTranslation("transactions.movements")));
        add(list(d.movements().stream().map(m -> m.productId() + " · " + m.delta().stripTrailingZeros().toPlainString() + " · "
                + Translations.code("movement.", m.reason(), getLocale()))
                .toList()));
        add(new H3(getTranslation("nav.conflicts")));
        Div conflicts = new Div();
        d.conflictIds().forEach(id -> conflicts.add(new Anchor("conflicts/" + id, id), new Span(" ")));
        if (d.conflictIds().isEmpty()) {
            conflicts.setText("—");
        }
        add(conflicts);
        add(new H3(getTranslation("transactions.raw")));
        Pre raw = new Pre(Json.pretty(d.rawJson()));
        raw.getStyle().set("white-space", "pre-wrap").set("font-size", "0.8rem");
        raw.setId("transaction-raw");
        add(raw);
    }

    private Div list(List<String> items) {
        Div d = new Div();
        if (items.isEmpty()) {
            d.setText("—");
        }
        items.forEach(i -> d.add(new Div(i)));
        return d;
    }

    private String money(BigDecimal v) {
        return Money.format(v, getLocale());
    }

    private Div fact(String key, String value) {
        return Fact.of(getTranslation(key), value);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("title.transaction") + " · Tillsync";
    }
}
