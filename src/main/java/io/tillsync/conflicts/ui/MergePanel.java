package io.tillsync.conflicts.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import io.tillsync.backoffice.JsonDiff;
import io.tillsync.backoffice.JsonDiffView;
import io.tillsync.backoffice.Money;
import io.tillsync.backoffice.ProductNames;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;

/**
 * Field-by-field merge: for every place the two versions differ, the manager takes the device's
 * value, the server's, or types one. The merged document is checked by the same rules a new sale
 * meets before the book button is offered, and any change of a pick asks for a new check.
 */
class MergePanel extends VerticalLayout {

    static final String DEVICE = "device";
    static final String SERVER = "server";
    static final String EDIT = "edit";

    private final JsonNode local;
    private final JsonNode server;
    private final Map<String, JsonNode> picks = new HashMap<>();
    private final Div preview = new Div();
    private final UnorderedList problems = new UnorderedList();
    private final Button book;
    private JsonNode checked;

    MergePanel(JsonNode local, JsonNode server, Locale locale, ProductNames names, Function<JsonNode, List<String>> validate,
               Consumer<JsonNode> booker) {
        this.local = local;
        this.server = server;
        setPadding(false);
        setId("merge-panel");
        add(new H4(getTranslation("merge.title")));
        for (JsonDiff.Row row : JsonDiff.differences(local, server)) {
            add(rowEditor(row, locale, names));
        }
        book = new Button(getTranslation("merge.book"), e -> booker.accept(checked));
        book.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        book.setEnabled(false);
        book.setId("merge-book");
        Button check = new Button(getTranslation("merge.check"), e -> {
            JsonNode merged = merged();
            List<String> found = validate.apply(merged);
            problems.removeAll();
            found.forEach(p -> problems.add(new ListItem(p)));
            preview.removeAll();
            preview.add(ConflictView.pre(merged.toString()));
            checked = found.isEmpty() ? merged : null;
            book.setEnabled(found.isEmpty());
            problems.setVisible(!found.isEmpty());
        });
        check.setId("merge-check");
        problems.setId("merge-problems");
        problems.getStyle().set("color", "#b42318");
        preview.setId("merge-preview");
        add(check, problems, preview, book);
    }

    private Div rowEditor(JsonDiff.Row row, Locale locale, ProductNames names) {
        Div line = new Div();
        line.addClassName("merge-row");
        line.getElement().setAttribute("data-path", row.path());
        Span path = new Span(JsonDiffView.pathLabel(row.path(), locale, names));
        path.getElement().setAttribute("title", row.path());
        path.addClassName("merge-path");
        RadioButtonGroup<String> choice = new RadioButtonGroup<>();
        JsonNode like = row.left().isMissingNode() ? row.right() : row.left();
        // a whole basket line is taken from one side or the other; typing a document is no task for a manager
        if (like.isContainer()) {
            choice.setItems(DEVICE, SERVER);
        } else {
            choice.setItems(DEVICE, SERVER, EDIT);
        }
        choice.setItemLabelGenerator(c -> switch (c) {
            case DEVICE -> getTranslation("view.till") + ": " + JsonDiffView.display(row.path(), row.left(), locale, names);
            case SERVER -> getTranslation("diff.server") + ": " + JsonDiffView.display(row.path(), row.right(), locale, names);
            default -> getTranslation("merge.edit");
        });
        TextField custom = new TextField();
        custom.setVisible(false);
        custom.setValue(row.left().isMissingNode() || !row.left().isValueNode() ? ""
                : row.left().isNumber() ? plainAmount(row.left(), locale) : row.left().asString());
        custom.getElement().setAttribute("aria-label", row.path());
        choice.setValue(DEVICE);
        choice.addValueChangeListener(e -> {
            custom.setVisible(EDIT.equals(e.getValue()));
            pick(row, e.getValue(), custom.getValue());
        });
        custom.addValueChangeListener(e -> {
            boolean amount = like.isNumber();
            boolean ok = !amount || e.getValue().isBlank() || Money.parse(e.getValue(), locale) != null;
            custom.setInvalid(!ok);
            custom.setErrorMessage(ok ? null : getTranslation("merge.notAmount"));
            if (ok) {
                pick(row, EDIT, e.getValue());
            } else {
                checked = null;
                book.setEnabled(false);
            }
        });
        line.add(path, choice, custom);
        return line;
    }

    private void pick(JsonDiff.Row row, String choice, String typed) {
        Locale locale = getLocale();
        switch (choice) {
            case SERVER -> picks.put(row.path(), row.right());
            case EDIT -> picks.put(row.path(), parse(typed, row.left().isMissingNode() ? row.right() : row.left(), locale));
            default -> picks.put(row.path(), row.left());
        }
        checked = null;
        book.setEnabled(false);
    }

    /** A typed value keeps the kind of the field it replaces: a number stays a number (read in the user's language), text stays text. */
    static JsonNode parse(String typed, JsonNode like, Locale locale) {
        String t = typed == null ? "" : typed.strip();
        if (t.isEmpty()) {
            return MissingNode.getInstance();
        }
        if (like != null && like.isNumber()) {
            java.math.BigDecimal amount = Money.parse(t, locale);
            return amount == null ? JsonNodeFactory.instance.stringNode(t) : JsonNodeFactory.instance.numberNode(amount);
        }
        return JsonNodeFactory.instance.stringNode(t);
    }

    /** A number as the user would type it back: grouped as the page shows it, without the currency. */
    private static String plainAmount(JsonNode n, Locale locale) {
        return Money.format(n.decimalValue(), locale).replace("Rp ", "");
    }

    JsonNode merged() {
        return JsonDiff.merge(local, server, picks);
    }
}
