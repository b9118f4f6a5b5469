package io.tillsync.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Two JSON documents side by side, one row per field: changed, added and removed fields are
 * highlighted, basket lines are lined up by product and money is shown as money. Pure server-side
 * markup, so it needs no frontend bundle.
 */
public class JsonDiffView extends Div {

    public JsonDiffView(JsonNode left, JsonNode right, String leftTitle, String rightTitle, Locale locale) {
        addClassName("json-diff");
        add(cell("json-diff-head", getTranslation("diff.field")), cell("json-diff-head", leftTitle), cell("json-diff-head", rightTitle));
        List<JsonDiff.Row> rows = JsonDiff.diff(left, right);
        for (JsonDiff.Row row : rows) {
            String css = "diff-" + row.kind().name().toLowerCase(Locale.ROOT) + (row.group() ? " diff-group" : "");
            Span name = new Span(row.label());
            name.getStyle().set("padding-left", row.depth() + "em");
            Div field = cell(css, null);
            field.add(name);
            field.getElement().setAttribute("data-path", row.path());
            add(field, value(css, row, row.left(), locale), value(css, row, row.right(), locale));
        }
    }

    private static Component value(String css, JsonDiff.Row row, JsonNode v, Locale locale) {
        Div cell = cell(css + " json-diff-value", row.group() ? "" : display(row.path(), v, locale));
        cell.getElement().setAttribute("data-path", row.path());
        if (!row.group() && v.isMissingNode()) {
            cell.addClassName("diff-absent");
        }
        return cell;
    }

    /** How a JSON value reads to a shop person: money as Rupiah, strings without quotes, a whole line compactly. */
    public static String display(String path, JsonNode v, Locale locale) {
        if (v == null || v.isMissingNode()) {
            return "—";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isNumber() && Money.isMoneyField(path)) {
            return Money.format(v.decimalValue(), locale);
        }
        if (v.isNumber()) {
            return v.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (v.isValueNode()) {
            return v.asString();
        }
        return v.toString();
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
