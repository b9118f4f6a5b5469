package io.tillsync.conflicts.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.tillsync.backoffice.Formats;
import io.tillsync.backoffice.JsonDiffView;
import io.tillsync.backoffice.LiveRefresh;
import io.tillsync.backoffice.Translations;
import io.tillsync.backoffice.TwoLines;
import io.tillsync.base.Json;
import io.tillsync.base.Rejected;
import io.tillsync.catalog.CatalogService;
import io.tillsync.conflicts.ConflictDetail;
import io.tillsync.conflicts.ConflictEvent;
import io.tillsync.conflicts.ConflictQueries;
import io.tillsync.conflicts.ConflictSummary;
import io.tillsync.sales.ConflictStatus;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.Resolutions.Actor;
import io.tillsync.sales.Resolutions.Refusal;
import io.tillsync.sales.Resolutions.Resolution;
import io.tillsync.sales.Resolutions.Strategy;
import io.tillsync.sales.Resolutions;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserScope;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One conflict in a view built for its type: a duplicate side by side with the booked record, a
 * mismatch with its differing fields first and the server's computation explained, a broken rule as
 * the rule, what the server checked and the fix. Each way to settle it says what it books, with the
 * amounts, and asks before it reverses or drops a sale. A conflict of a branch the user may not see
 * reads exactly like one that does not exist.
 */
@Route("conflicts/:conflictId")
@RolesAllowed({"ADMIN", "MANAGER"})
class ConflictView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ConflictQueries queries;
    private final Resolutions resolutions;
    private final CurrentUser currentUser;
    private final CatalogService catalog;
    private final TextArea comment = new TextArea();
    private final Span error = new Span();
    private String shownId;
    private ConflictStatus shownStatus;
    private Component afterActions;
    private LineProducts products = LineProducts.NONE;

    ConflictView(ConflictQueries queries, Resolutions resolutions, CurrentUser currentUser, CatalogService catalog, LiveRefresh live) {
        this.queries = queries;
        this.resolutions = resolutions;
        this.currentUser = currentUser;
        this.catalog = catalog;
        // another tab or the till may settle it meanwhile: this one then shows the outcome, not stale buttons
        live.whileAttached(this, this::refreshIfSettledElsewhere);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        show(event.getRouteParameters().get("conflictId").orElse(""));
    }

    static RouteParameters of(String conflictId) {
        return new RouteParameters("conflictId", conflictId);
    }

    void refreshIfSettledElsewhere() {
        if (shownId == null) {
            return;
        }
        queries.find(shownId).map(d -> d.summary().status()).filter(s -> !s.equals(shownStatus)).ifPresent(s -> show(shownId));
    }

    private void show(String conflictId) {
        removeAll();
        Optional<ConflictDetail> found = queries.find(conflictId);
        if (found.isEmpty()) {
            H2 none = new H2(getTranslation("conflict.notfound"));
            none.setId("conflict-not-found");
            add(none, new Paragraph(getTranslation("conflict.notfound.hint")));
            return;
        }
        ConflictDetail d = found.get();
        ConflictSummary s = d.summary();
        shownId = conflictId;
        shownStatus = s.status();
        JsonNode local = Json.parse(d.localData());
        JsonNode server = d.serverData() == null ? MissingNode.getInstance() : Json.parse(d.serverData());
        products = LineProducts.of(catalog, s.branchId(), local, server);
        add(new H2(getTranslation("conflict.title", Translations.code("item.", s.itemType().wire(), getLocale()), s.offlineReference())));
        add(facts(d, server));
        switch (s.conflictType()) {
            case DUPLICATE -> add(duplicateView(local, server));
            case DATA_MISMATCH -> add(mismatchView(local, server));
            case CONSTRAINT_VIOLATION -> add(ruleView(s, local, server));
        }
        if (s.open()) {
            add(actions(s, local, server));
        }
        if (afterActions != null) {
            // the full comparison is reference: the decision comes first
            add(afterActions);
            afterActions = null;
        }
        if (!s.open()) {
            Paragraph settled = new Paragraph(getTranslation("conflict.settled." + d.outcome()));
            settled.setId("conflict-settled");
            add(settled);
            if (d.finalData() != null) {
                Details doc = new Details(getTranslation("conflict.final"), pre(d.finalData()));
                add(doc);
            }
        }
        add(history(conflictId));
    }

    private Div facts(ConflictDetail d, JsonNode server) {
        ConflictSummary s = d.summary();
        Div facts = new Div();
        facts.setId("conflict-facts");
        facts.add(fact(getTranslation("col.type"), Translations.code("conflictType.", s.conflictType().wire(), getLocale()) + " · "
                        + Translations.code("reason.", s.reason(), getLocale())),
                fact(getTranslation("col.state"), getTranslation("state." + s.status().wire())),
                fact(getTranslation("col.branch"), Formats.named(catalog.branch(s.branchId()).map(b -> b.name()).orElse(null), s.branchCode())),
                link(getTranslation("col.device"), s.deviceId(), "devices/" + s.deviceId(), "conflict-device"),
                fact(getTranslation("col.raised"), Formats.dateTime(s.createdAt(), getLocale())));
        Long sale = d.bookedId() != null ? d.bookedId() : server.path("server_id").isNumber() ? server.get("server_id").asLong() : null;
        if (sale != null) {
            String label = server.path("transaction_code").asString(getTranslation("conflict.sale.open"));
            facts.add(link(getTranslation(d.bookedId() != null ? "conflict.sale.booked" : "conflict.sale.stored"),
                    d.bookedId() != null ? getTranslation("conflict.sale.open") : label, "transactions/" + sale, "conflict-sale"));
        }
        if (s.strategy() != null) {
            facts.add(fact(getTranslation("col.resolution"), Translations.code("strategy.", s.strategy(), getLocale()) + " · "
                    + Translations.code("outcome.", d.outcome(), getLocale()) + " · " + Translations.actor(s.resolvedBy(), getLocale())
                    + " · " + Formats.dateTime(s.resolvedAt(), getLocale())));
        }
        return facts;
    }

    private Component duplicateView(JsonNode local, JsonNode server) {
        Paragraph why = new Paragraph(getTranslation("view.duplicate.intro"));
        JsonDiffView diff = new JsonDiffView(local, server, getTranslation("view.duplicate.local"),
                getTranslation("view.duplicate.server"), getLocale(), products);
        diff.setId("conflict-diff");
        diff.setWidthFull();
        return section("view-duplicate", why, legend(), diff);
    }

    private Component mismatchView(JsonNode local, JsonNode server) {
        Paragraph explained = new Paragraph(server.has("grand_total")
                ? getTranslation("view.mismatch.server", money(server.path("subtotal")), money(server.path("discount_total")),
                        money(server.path("tax_total")), money(server.path("grand_total")))
                : getTranslation("view.mismatch.noServer"));
        explained.setId("mismatch-explained");
        Div differences = new Div();
        differences.setId("mismatch-differences");
        differences.addClassName("mismatch-differences");
        io.tillsync.backoffice.JsonDiff.differences(local, server).forEach(r -> differences.add(fact(
                JsonDiffView.pathLabel(r.path(), getLocale(), products),
                getTranslation("view.mismatch.pair", JsonDiffView.display(r.path(), r.left(), getLocale(), products),
                        JsonDiffView.display(r.path(), r.right(), getLocale(), products)))));
        JsonDiffView diff = new JsonDiffView(local, server, getTranslation("view.till"), getTranslation("diff.server"), getLocale(), products);
        diff.setId("conflict-diff");
        diff.setWidthFull();
        Details all = new Details(getTranslation("view.mismatch.all"), legend(), diff);
        all.setWidthFull();
        all.setOpened(true);
        all.setId("mismatch-all");
        afterActions = all;
        return section("view-mismatch", new H3(getTranslation("view.mismatch.differences")), differences, explained);
    }

    private Component ruleView(ConflictSummary s, JsonNode local, JsonNode server) {
        List<CatalogService.CatalogEntry> choices = s.open() && "unknown_product".equals(s.reason())
                ? catalog.catalog(s.branchId(), null) : List.of();
        return new RuleBreakPanel(local, server, s.reason(), getLocale(), products.byId(), choices, s.open(),
                doc -> worded(resolutions.validateMerge(s.conflictId(), doc, actor())), doc -> resolve(s, Strategy.MERGE, doc));
    }

    private VerticalLayout actions(ConflictSummary s, JsonNode local, JsonNode server) {
        comment.setLabel(getTranslation("resolve.comment"));
        comment.setMaxLength(500);
        comment.setWidthFull();
        comment.setId("resolve-comment");
        error.setId("resolve-error");
        error.getStyle().set("color", "#b42318");
        VerticalLayout box = new VerticalLayout(new H3(getTranslation("conflict.resolve")), comment);
        box.setPadding(false);
        for (Strategy strategy : List.of(Strategy.KEEP_SERVER, Strategy.KEEP_LOCAL)) {
            ResolveEffects.Effect effect = ResolveEffects.of(strategy, s, local, server, getLocale());
            if (!effect.offered()) {
                Paragraph not = new Paragraph(getTranslation("effect.keep_local.impossible"));
                not.setId("keep-local-impossible");
                box.add(not);
                continue;
            }
            Button button = new Button(getTranslation("action." + strategy.wire()), e -> confirmed(effect, () -> resolve(s, strategy, null)));
            button.setId(strategy == Strategy.KEEP_SERVER ? "keep-server" : "keep-local");
            if (effect.confirm()) {
                button.addThemeVariants(ButtonVariant.LUMO_ERROR);
            }
            Span says = new Span(effect.text());
            says.setId(button.getId().orElseThrow() + "-effect");
            says.addClassName("resolve-effect");
            Div row = new Div(button, says);
            row.addClassName("resolve-choice");
            box.add(row);
        }
        if (s.conflictType() != ConflictType.CONSTRAINT_VIOLATION && server.isObject() && local.isObject()) {
            MergePanel merge = new MergePanel(local, server, getLocale(), products, doc -> worded(resolutions.validateMerge(s.conflictId(), doc, actor())),
                    doc -> resolve(s, Strategy.MERGE, doc));
            merge.setVisible(false);
            Button mergeButton = new Button(getTranslation("strategy.merge"), e -> merge.setVisible(!merge.isVisible()));
            mergeButton.setId("merge");
            Span says = new Span(getTranslation("effect.merge"));
            says.addClassName("resolve-effect");
            Div row = new Div(mergeButton, says);
            row.addClassName("resolve-choice");
            box.add(row, error, merge);
        } else {
            box.add(error);
        }
        return box;
    }

    /** Reversing or dropping a sale is asked once more, in the same words the page showed. */
    private void confirmed(ResolveEffects.Effect effect, Runnable action) {
        if (comment.getValue().isBlank()) {
            comment.setInvalid(true);
            comment.setErrorMessage(getTranslation("resolve.comment.required"));
            return;
        }
        if (!effect.confirm()) {
            action.run();
            return;
        }
        new ConfirmResolve(effect.text(), getTranslation("action." + effect.strategy().wire()), action).open();
    }

    private void resolve(ConflictSummary s, Strategy strategy, JsonNode merged) {
        if (comment.getValue().isBlank()) {
            comment.setInvalid(true);
            comment.setErrorMessage(getTranslation("resolve.comment.required"));
            return;
        }
        try {
            Resolution r = resolutions.resolve(s.conflictId(), strategy, merged, comment.getValue().strip(), actor());
            Notification.show(getTranslation("conflict.settled." + r.outcome())
                    + (r.transactionCode() == null ? "" : " · " + r.transactionCode()), 5000, Notification.Position.TOP_CENTER);
            comment.clear();
            show(s.conflictId());
        } catch (Rejected e) {
            if (e.why() == Refusal.ALREADY_RESOLVED) {
                // lost the race to another tab or the till: show how it was settled instead of buttons that no longer work
                show(s.conflictId());
                Notification.show(Translations.problem(e, getLocale()), 6000, Notification.Position.TOP_CENTER);
                return;
            }
            error.setText(Translations.problem(e, getLocale()));
        }
    }

    /** The rule each problem breaks, in the user's words; the server's English names the field and is for the API. */
    private List<String> worded(List<Resolutions.Problem> problems) {
        return problems.stream().map(p -> p.reason() == null ? p.message() : Translations.code("reason.", p.reason(), getLocale()))
                .distinct().toList();
    }

    private Actor actor() {
        UserScope scope = currentUser.require();
        return Actor.user(scope.username(), scope.userId(), scope.branchIds());
    }

    private String money(JsonNode n) {
        return io.tillsync.backoffice.Money.format(n.isNumber() ? n.decimalValue() : java.math.BigDecimal.ZERO, getLocale());
    }

    private Div legend() {
        Div legend = new Div();
        legend.addClassName("diff-legend");
        for (String kind : new String[] {"changed", "added", "removed"}) {
            Span chip = new Span(getTranslation("diff." + kind));
            chip.addClassName("diff-" + kind);
            legend.add(chip);
        }
        return legend;
    }

    private VerticalLayout history(String conflictId) {
        Grid<ConflictEvent> grid = new Grid<>();
        // when with who, what with how and why: two columns, so the trail fits a phone without scrolling sideways
        grid.addColumn(TwoLines.of((ConflictEvent e) -> Formats.dateTime(e.at(), getLocale()),
                e -> Translations.actor(e.actor(), getLocale()))).setHeader(getTranslation("col.when")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(TwoLines.of((ConflictEvent e) -> Translations.code("event.", e.action(), getLocale()),
                        e -> String.join(" · ", java.util.stream.Stream.of(
                                e.strategy() == null ? null : Translations.code("strategy.", e.strategy(), getLocale()),
                                Translations.historyComment(e.actor(), e.comment(), getLocale()))
                                .filter(t -> t != null && !t.isBlank()).toList())))
                .setHeader(getTranslation("col.action")).setFlexGrow(1);
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setItems(queries.history(conflictId));
        grid.setAllRowsVisible(true);
        grid.setId("conflict-history");
        VerticalLayout box = new VerticalLayout(new H3(getTranslation("conflict.history")), grid);
        box.setPadding(false);
        return box;
    }

    private static VerticalLayout section(String id, Component... parts) {
        VerticalLayout box = new VerticalLayout(parts);
        box.setPadding(false);
        box.setId(id);
        return box;
    }

    static Div fact(String label, String value) {
        Div d = new Div(new Span(label + ": "), new Span(value == null || value.isEmpty() ? "—" : value));
        d.addClassName("conflict-fact");
        return d;
    }

    private static Div link(String label, String text, String href, String id) {
        Anchor a = new Anchor(href, text);
        a.setId(id);
        Div d = new Div(new Span(label + ": "), a);
        d.addClassName("conflict-fact");
        return d;
    }

    static Pre pre(String json) {
        Pre pre = new Pre(Json.pretty(json));
        pre.getStyle().set("white-space", "pre-wrap").set("font-size", "0.8rem");
        return pre;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("title.conflict") + " · Tillsync";
    }
}
