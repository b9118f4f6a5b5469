package io.tillsync.conflicts.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.tillsync.backoffice.JsonDiff;
import io.tillsync.backoffice.JsonDiffView;
import io.tillsync.backoffice.Money;
import io.tillsync.backoffice.Translations;
import io.tillsync.catalog.CatalogService.CatalogEntry;
import io.tillsync.sales.Reason;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A broken rule, as a manager reads it: which rule, what the server checked (stock on hand, the
 * product's status), the sale's lines with the offending one marked, and the fix. An unknown
 * product is fixed by picking the product the cashier meant, never by typing a document.
 */
class RuleBreakPanel extends VerticalLayout {

    RuleBreakPanel(JsonNode local, JsonNode server, String reason, Locale locale, Map<Long, String> names,
                   List<CatalogEntry> choices, boolean open, Function<JsonNode, List<String>> validate, Consumer<JsonNode> book) {
        setPadding(false);
        setId("rule-break");
        add(new H3(getTranslation("rule.title")));
        Paragraph rule = new Paragraph(Translations.code("rule.", reason, locale));
        rule.setId("rule-text");
        add(rule);
        add(new H3(getTranslation("rule.checked")));
        Div checked = new Div();
        checked.setId("rule-checked");
        server.propertyNames().forEach(key -> {
            if (JsonDiff.BOOKKEEPING.contains(key)) {
                return;
            }
            JsonNode v = server.get(key);
            String value = "product_id".equals(key) ? product(v.asLong(), names, locale) : JsonDiffView.display(key, v, locale);
            checked.add(ConflictView.fact(Translations.code("field.", key, locale), value));
        });
        add(checked);
        long offending = server.path("product_id").asLong(-1);
        add(new H3(getTranslation("rule.sale")));
        Div lines = new Div();
        lines.setId("rule-lines");
        lines.addClassName("rule-lines");
        for (JsonNode line : local.path("items")) {
            long product = line.path("product_id").asLong();
            Div row = new Div(new Span(product(product, names, locale)),
                    new Span(line.path("quantity").decimalValue().stripTrailingZeros().toPlainString() + " × "
                            + Money.format(line.path("unit_price").decimalValue(), locale)),
                    new Span(Money.format(line.path("subtotal").decimalValue(), locale)));
            row.addClassName("rule-line");
            if (product == offending) {
                row.addClassName("rule-line-offending");
            }
            lines.add(row);
        }
        // the totals as the till sent them, so the lines and the grand total visibly add up (tax, discount)
        for (String total : List.of("subtotal", "discount_total", "tax_total", "grand_total")) {
            if (local.path(total).isNumber()) {
                lines.add(ConflictView.fact(getTranslation("field." + total), Money.format(local.get(total).decimalValue(), locale)));
            }
        }
        add(lines);
        if (open && Reason.UNKNOWN_PRODUCT.equals(reason) && offending >= 0) {
            add(picker(local, offending, locale, choices, validate, book));
        }
    }

    private VerticalLayout picker(JsonNode local, long unknown, Locale locale, List<CatalogEntry> choices,
                                  Function<JsonNode, List<String>> validate, Consumer<JsonNode> book) {
        ComboBox<CatalogEntry> product = new ComboBox<>(getTranslation("rule.pick", String.valueOf(unknown)));
        product.setItems(choices.stream().filter(CatalogEntry::active).toList());
        product.setItemLabelGenerator(e -> e.name() + " · " + e.sku() + (e.price() == null ? "" : " · " + Money.format(e.price(), locale)));
        product.setWidthFull();
        product.setId("rule-product");
        UnorderedList problems = new UnorderedList();
        problems.setId("rule-problems");
        problems.getStyle().set("color", "#b42318");
        Button apply = new Button(getTranslation("rule.book"));
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setEnabled(false);
        apply.setId("rule-book");
        JsonNode[] doc = new JsonNode[1];
        product.addValueChangeListener(e -> {
            problems.removeAll();
            apply.setEnabled(false);
            if (e.getValue() == null) {
                return;
            }
            doc[0] = replaced(local, unknown, e.getValue().productId());
            List<String> found = validate.apply(doc[0]);
            found.forEach(p -> problems.add(new ListItem(p)));
            apply.setEnabled(found.isEmpty());
            apply.setText(getTranslation("rule.book.amount", e.getValue().name(),
                    Money.format(ResolveEffects.amount(local), locale)));
        });
        apply.addClickListener(e -> book.accept(doc[0]));
        VerticalLayout box = new VerticalLayout(new H3(getTranslation("rule.fix")), new Paragraph(getTranslation("rule.pick.hint")),
                product, problems, apply);
        box.setPadding(false);
        return box;
    }

    /** The till's sale with the unknown product replaced on its lines; prices and totals stay as the customer paid. */
    static JsonNode replaced(JsonNode local, long unknown, long product) {
        ObjectNode doc = (ObjectNode) local.deepCopy();
        doc.path("items").forEach(line -> {
            if (line.path("product_id").asLong() == unknown) {
                ((ObjectNode) line).put("product_id", product);
            }
        });
        return doc;
    }

    private String product(long id, Map<Long, String> names, Locale locale) {
        String name = names.get(id);
        return name != null ? name : Translations.text("rule.unknownProduct", locale, String.valueOf(id));
    }
}
