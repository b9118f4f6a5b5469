package io.tillsync.backoffice;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import io.tillsync.backoffice.Formats;
import io.tillsync.backoffice.JsonDiff;

/**
 * Two JSON documents side by side, one row per field: changed, added and removed fields are
 * highlighted, basket lines are lined up by product and money is shown as money. Pure server-side
 * markup, so it needs no frontend bundle.
 */
public class JsonDiffView extends Div {

    /** Fields whose values are codes the till and server share: shown in words, as the grids show them. */
    private static final java.util.Map<String, String> CODED = java.util.Map.of("payment_method", "payment.", "method", "payment.",
            "status", "txstatus.", "rule", "reason.", "reason_code", "reason.");

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)|\\[product_id=([^\\]]+)]|\\[(\\d+)]");

    public JsonDiffView(JsonNode left, JsonNode right, String leftTitle, String rightTitle, Locale locale) {
        this(left, right, leftTitle, rightTitle, locale, ProductNames.NONE);
    }

    /** With basket lines and product ids named by {@code names}: "Es Teh Manis (#1239)" instead of a bare id. */
    public JsonDiffView(JsonNode left, JsonNode right, String leftTitle, String rightTitle, Locale locale, ProductNames names) {
        addClassName("json-diff");
        add(cell("json-diff-head", getTranslation("diff.field")), cell("json-diff-head", leftTitle), cell("json-diff-head", rightTitle));
        List<JsonDiff.Row> rows = JsonDiff.diff(left, right);
        for (JsonDiff.Row row : rows) {
            String css = "diff-" + row.kind().name().toLowerCase(Locale.ROOT) + (row.group() ? " diff-group" : "");
            List<String> words = words(row.path(), locale, names);
            Span name = new Span(words.isEmpty() ? row.label() : words.getLast());
            // the wire name stays at hand for whoever talks to the till's developers
            name.getElement().setAttribute("title", row.path());
            name.getStyle().set("padding-left", row.depth() + "em");
            Div field = cell(css, null);
            field.add(name);
            field.getElement().setAttribute("data-path", row.path());
            add(field, value(css, row, row.left(), locale, names), value(css, row, row.right(), locale, names));
        }
    }

    private static Component value(String css, JsonDiff.Row row, JsonNode v, Locale locale, ProductNames names) {
        Div cell = cell(css + " json-diff-value", row.group() ? "" : display(row.path(), v, locale, names));
        cell.getElement().setAttribute("data-path", row.path());
        if (!row.group() && v.isMissingNode()) {
            cell.addClassName("diff-absent");
        }
        return cell;
    }

    /** A path such as {@code items[product_id=1238].quantity} in the user's words: "Product 1238 › Quantity". */
    public static String pathLabel(String path, Locale locale) {
        return pathLabel(path, locale, ProductNames.NONE);
    }

    /** As {@link #pathLabel(String, Locale)}, a line named by its product: "Es Teh Manis (#1239) › Quantity". */
    public static String pathLabel(String path, Locale locale, ProductNames names) {
        return String.join(" › ", words(path, locale, names));
    }

    private static List<String> words(String path, Locale locale, ProductNames names) {
        List<String> words = new ArrayList<>();
        Matcher m = SEGMENT.matcher(path);
        while (m.find()) {
            if (m.group(1) != null) {
                // a basket's lines are named by their product below: the list itself needs no word
                if (!("items".equals(m.group(1)) && path.length() > m.end())) {
                    words.add(Translations.code("field.", m.group(1), locale));
                }
            } else if (m.group(2) != null) {
                words.add(names.label(m.group(2), locale));
            } else {
                words.add("#" + (Integer.parseInt(m.group(3)) + 1));
            }
        }
        return words;
    }

    /** How a JSON value reads to a shop person: money as Rupiah, strings without quotes, a whole line compactly. */
    public static String display(String path, JsonNode v, Locale locale) {
        return display(path, v, locale, ProductNames.NONE);
    }

    /** As {@link #display(String, JsonNode, Locale)}, products named by {@code names}. */
    public static String display(String path, JsonNode v, Locale locale, ProductNames names) {
        if (v == null || v.isMissingNode()) {
            return "—";
        }
        if (v.isNull()) {
            return "null";
        }
        String field = path.substring(path.lastIndexOf('.') + 1);
        String product = "product_id".equals(field) && v.isValueNode() ? names.named(v.asString()) : null;
        if (product != null) {
            return product;
        }
        if (v.isNumber() && Money.isMoneyField(path)) {
            return Money.format(v.decimalValue(), locale);
        }
        if (v.isNumber()) {
            return v.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (v.isBoolean()) {
            return Translations.text(v.asBoolean() ? "value.yes" : "value.no", locale);
        }
        if (v.isString() && JsonDiff.instant(v.asString()) != null) {
            // shown in the branch's time, so the same moment reads the same on both sides
            return Formats.dateTime(JsonDiff.instant(v.asString()), locale);
        }
        String coded = v.isString() ? CODED.get(field) : null;
        if (coded != null) {
            return Translations.code(coded, v.asString(), locale);
        }
        if (v.isValueNode()) {
            return v.asString();
        }
        if (v.isObject() && v.has("product_id") && v.has("quantity")) {
            return Translations.text("diff.line", locale, names.label(v.get("product_id").asString(), locale),
                    v.get("quantity").decimalValue().stripTrailingZeros().toPlainString(),
                    Money.format(v.path("unit_price").decimalValue(), locale), Money.format(v.path("subtotal").decimalValue(), locale));
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(display(path, e, locale, names)));
            return String.join("; ", parts);
        }
        return Translations.text("diff.details", locale);
    }

    private static Div cell(String css, String text) {
        Div d = new Div();
        d.addClassNames(css.split(" "));
        d.addClassName("json-diff-cell");
        if (text != null) {
            d.setText(text);
        }
        return d;
    }
}
