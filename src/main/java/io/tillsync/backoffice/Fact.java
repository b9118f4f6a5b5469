package io.tillsync.backoffice;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** One "label: value" pair in a detail page's header line; a missing value reads as a dash. */
public final class Fact {

    private Fact() {
    }

    public static Div of(String label, String value) {
        Div d = new Div(new Span(label + ": "), new Span(value == null ? "—" : value));
        d.getStyle().set("display", "inline-block").set("margin-right", "1.5em");
        return d;
    }
}
