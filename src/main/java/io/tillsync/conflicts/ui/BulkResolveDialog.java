package io.tillsync.conflicts.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import io.tillsync.backoffice.Translations;
import io.tillsync.conflicts.ConflictSummary;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.ItemKind;
import io.tillsync.sales.Resolutions.Actor;
import io.tillsync.sales.Resolutions.Strategy;
import io.tillsync.sales.Resolutions;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Settles many open conflicts of one kind the same way, each in its own transaction: one that
 * cannot be settled (already resolved meanwhile, a rule keep_local may not override) is reported
 * and leaves the others booked.
 */
class BulkResolveDialog extends Dialog {

    BulkResolveDialog(Set<ConflictSummary> selected, Resolutions resolutions, CurrentUser currentUser, Runnable done) {
        List<ConflictSummary> items = new ArrayList<>(selected);
        setHeaderTitle(getTranslation("bulk.title", items.size()));
        RadioButtonGroup<Strategy> strategy = new RadioButtonGroup<>(getTranslation("bulk.strategy"));
        ConflictSummary first = items.getFirst();
        if (ResolveEffects.keepLocalWorks(first.reason())) {
            strategy.setItems(Strategy.KEEP_SERVER, Strategy.KEEP_LOCAL);
        } else {
            strategy.setItems(Strategy.KEEP_SERVER);
        }
        strategy.setItemLabelGenerator(s -> getTranslation("action." + s.wire()));
        Paragraph effect = new Paragraph();
        effect.setId("bulk-effect");
        strategy.addValueChangeListener(e -> effect.setText(effect(first, e.getValue(), items.size())));
        strategy.setValue(Strategy.KEEP_SERVER);
        TextArea comment = new TextArea(getTranslation("resolve.comment"));
        comment.setRequired(true);
        comment.setId("bulk-comment");
        comment.setMaxLength(500);
        comment.setWidthFull();
        add(new Paragraph(Translations.code("conflictType.", items.getFirst().conflictType().wire(), getLocale()) + " · "
                + Translations.code("reason.", items.getFirst().reason(), getLocale())), strategy, effect, comment);
        Button apply = new Button(getTranslation("bulk.apply"), e -> {
            if (comment.getValue().isBlank()) {
                comment.setInvalid(true);
                comment.setErrorMessage(getTranslation("resolve.comment.required"));
                return;
            }
            UserScope scope = currentUser.require();
            Actor actor = Actor.user(scope.username(), scope.userId(), scope.branchIds());
            int ok = 0;
            List<String> failed = new ArrayList<>();
            for (ConflictSummary c : items) {
                try {
                    resolutions.resolve(c.conflictId(), strategy.getValue(), null, comment.getValue(), actor);
                    ok++;
                } catch (RuntimeException ex) {
                    failed.add(c.offlineReference() + ": " + Translations.problem(ex, getLocale()));
                }
            }
            Notification.show(getTranslation("bulk.done", ok, failed.size()) + (failed.isEmpty() ? "" : " — " + String.join("; ", failed)),
                    8000, Notification.Position.MIDDLE);
            close();
            done.run();
        });
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setId("bulk-apply");
        getFooter().add(new Button(getTranslation("action.cancel"), e -> close()), apply);
    }

    /** What the choice does to each of the selected conflicts, in the words the conflict page uses. */
    private String effect(ConflictSummary kind, Strategy strategy, int count) {
        // a payment's mismatch has no server version to book: keep_server rejects it, as it does a broken rule
        ConflictType type = kind.itemType() == ItemKind.SALE || kind.conflictType() != ConflictType.DATA_MISMATCH
                ? kind.conflictType() : ConflictType.CONSTRAINT_VIOLATION;
        return getTranslation("bulk.effect." + type.wire() + "." + strategy.wire(), count);
    }

    /** Bulk settling is for a batch of the same trouble: one item type, conflict type and reason, all still open. */
    static boolean oneKind(Set<ConflictSummary> selected) {
        return !selected.isEmpty() && selected.stream().allMatch(ConflictSummary::open) && ConflictsView.sameKind(selected);
    }
}
