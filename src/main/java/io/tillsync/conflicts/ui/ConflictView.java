package io.tillsync.conflicts.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.tillsync.base.ApiException;
import io.tillsync.base.ui.Formats;
import io.tillsync.base.ui.JsonDiffView;
import io.tillsync.base.ui.Translations;
import io.tillsync.conflicts.Actor;
import io.tillsync.conflicts.ConflictDetail;
import io.tillsync.conflicts.ConflictEvent;
import io.tillsync.conflicts.ConflictQueries;
import io.tillsync.conflicts.ConflictResolver;
import io.tillsync.conflicts.ConflictSummary;
import io.tillsync.conflicts.Resolution;
import io.tillsync.base.Json;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserScope;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One conflict: both versions side by side, the three ways to settle it, and its audit trail.
 * A conflict of a branch the user may not see reads exactly like one that does not exist.
 */
@Route("conflicts/:conflictId")
@RolesAllowed({"ADMIN", "MANAGER"})
class ConflictView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ConflictQueries queries;
    private final ConflictResolver resolutions;
    private final CurrentUser currentUser;
    private final TextArea comment = new TextArea();
    private final Span error = new Span();

    ConflictView(ConflictQueries queries, ConflictResolver resolutions, CurrentUser currentUser) {
        this.queries = queries;
        this.resolutions = resolutions;
        this.currentUser = currentUser;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        show(event.getRouteParameters().get("conflictId").orElse(""));
    }

    static RouteParameters of(String conflictId) {
        return new RouteParameters("conflictId", conflictId);
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
        add(new H2(getTranslation("conflict.title", Translations.code("item.", s.itemType(), getLocale()), s.offlineReference())));
        Div facts = new Div();
        facts.add(fact("col.type", Translations.code("conflictType.", s.conflictType(), getLocale()) + " · "
                        + Translations.code("reason.", s.reason(), getLocale())), fact("col.state", getTranslation("state." + s.status())),
                fact("col.branch", s.branchCode()), fact("col.device", s.deviceId()),
                fact("col.raised", Formats.dateTime(s.createdAt(), getLocale())));
        if (s.strategy() != null) {
            facts.add(fact("col.resolution", Translations.code("strategy.", s.strategy(), getLocale()) + " · "
                    + Translations.code("outcome.", d.outcome(), getLocale()) + " · " + s.resolvedBy()
                    + " · " + Formats.dateTime(s.resolvedAt(), getLocale())));
        }
        add(facts);
        if (d.suggestedFix() != null) {
            add(new Paragraph(getTranslation("conflict.suggested") + ": " + suggestedFix(s.reason(), d.suggestedFix())));
        }
        JsonNode local = Json.parse(d.localData());
        JsonNode server = d.serverData() == null ? MissingNode.getInstance() : Json.parse(d.serverData());
        add(legend());
        JsonDiffView diff = new JsonDiffView(local, server, getTranslation("diff.local"), getTranslation("diff.server"), getLocale());
        diff.setId("conflict-diff");
        diff.setWidthFull();
        add(diff);
        if (s.open()) {
            add(actions(s, local, server));
        } else if (d.finalData() != null) {
            add(new H3(getTranslation("conflict.final")), pre(d.finalData()));
        }
        add(history(conflictId));
    }

    private VerticalLayout actions(ConflictSummary s, JsonNode local, JsonNode server) {
        comment.setLabel(getTranslation("resolve.comment"));
        comment.setMaxLength(500);
        comment.setWidthFull();
        comment.setId("resolve-comment");
        error.setId("resolve-error");
        error.getStyle().set("color", "#b42318");
        Button keepServer = new Button(getTranslation("strategy.keep_server"), e -> resolve(s, ConflictResolver.KEEP_SERVER, null));
        keepServer.setId("keep-server");
        Button keepLocal = new Button(getTranslation("strategy.keep_local"), e -> resolve(s, ConflictResolver.KEEP_LOCAL, null));
        keepLocal.setId("keep-local");
        MergePanel merge = new MergePanel(local, server, getLocale(), doc -> validate(s, doc), doc -> resolve(s, ConflictResolver.MERGE, doc));
        merge.setVisible(false);
        Button mergeButton = new Button(getTranslation("strategy.merge"), e -> merge.setVisible(!merge.isVisible()));
        mergeButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        mergeButton.setId("merge");
        mergeButton.setEnabled(server.isObject() && local.isObject());
        HorizontalLayout buttons = new HorizontalLayout(keepServer, keepLocal, mergeButton);
        buttons.setWrap(true);
        VerticalLayout box = new VerticalLayout(new H3(getTranslation("conflict.resolve")), comment, buttons, error, merge);
        box.setPadding(false);
        return box;
    }

    private java.util.List<String> validate(ConflictSummary s, JsonNode doc) {
        return resolutions.validateMerge(s.conflictId(), doc, actor());
    }

    private void resolve(ConflictSummary s, String strategy, JsonNode merged) {
        if (comment.getValue().isBlank()) {
            comment.setInvalid(true);
            comment.setErrorMessage(getTranslation("resolve.comment.required"));
            return;
        }
        try {
            Resolution r = resolutions.resolve(s.conflictId(), strategy, merged, comment.getValue().strip(), actor());
            String done = r.outcome() == null ? r.message() : Translations.code("outcome.", r.outcome(), getLocale());
            Notification.show(done + (r.transactionCode() == null ? "" : " · " + r.transactionCode()), 5000,
                    Notification.Position.TOP_CENTER);
            comment.clear();
            show(s.conflictId());
        } catch (ApiException e) {
            error.setText(Translations.problem(e, getLocale()));
        }
    }

    private Actor actor() {
        UserScope scope = currentUser.require();
        return Actor.user(scope.username(), scope.userId(), scope.branchIds());
    }

    /** The server's advice is written for till developers in English; managers read it in their words, with the buttons' names. */
    private String suggestedFix(String reason, String stored) {
        String text = Translations.code("fix.", reason, getLocale());
        return text.equals(reason) ? stored : text;
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
        grid.addColumn(e -> Formats.dateTime(e.at(), getLocale())).setHeader(getTranslation("col.when")).setAutoWidth(true);
        grid.addColumn(e -> Translations.code("event.", e.action(), getLocale())).setHeader(getTranslation("col.action")).setAutoWidth(true);
        grid.addColumn(e -> Translations.code("strategy.", e.strategy(), getLocale())).setHeader(getTranslation("col.strategy")).setAutoWidth(true);
        grid.addColumn(ConflictEvent::actor).setHeader(getTranslation("col.actor")).setAutoWidth(true);
        grid.addColumn(e -> e.comment() == null ? "" : e.comment()).setHeader(getTranslation("col.comment")).setFlexGrow(1);
        grid.setItems(queries.history(conflictId));
        grid.setAllRowsVisible(true);
        grid.setId("conflict-history");
        VerticalLayout box = new VerticalLayout(new H3(getTranslation("conflict.history")), grid);
        box.setPadding(false);
        return box;
    }

    private Div fact(String key, String value) {
        Div d = new Div(new Span(getTranslation(key) + ": "), new Span(value == null ? "—" : value));
        d.getStyle().set("display", "inline-block").set("margin-right", "1.5em");
        return d;
    }

    static com.vaadin.flow.component.html.Pre pre(String json) {
        com.vaadin.flow.component.html.Pre pre = new com.vaadin.flow.component.html.Pre(
                Json.pretty(json));
        pre.getStyle().set("white-space", "pre-wrap").set("font-size", "0.8rem");
        return pre;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("title.conflict") + " · Tillsync";
    }
}
