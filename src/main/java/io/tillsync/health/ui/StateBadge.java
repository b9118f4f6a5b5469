package io.tillsync.health.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.LitRenderer;
import io.tillsync.backoffice.Translations;
import io.tillsync.health.HealthState;
import java.util.Locale;
import java.util.function.Function;

/** A coloured word for a till's health, the same on the grid, the device page and the dashboard. */
class StateBadge extends Span {

    public StateBadge(HealthState state) {
        String name = cssName(state);
        setText(getTranslation("health." + name));
        addClassNames("state-badge", "state-" + name);
    }

    /**
     * The same badge for a grid column, drawn in the browser from two strings per row: a grid
     * keeps no component per row on the server.
     */
    static <T> LitRenderer<T> renderer(Function<T, HealthState> state, Locale locale) {
        return LitRenderer.<T>of("<span class=\"state-badge state-${item.state}\">${item.label}</span>")
                .withProperty("state", t -> cssName(state.apply(t)))
                .withProperty("label", t -> Translations.text("health." + cssName(state.apply(t)), locale));
    }

    private static String cssName(HealthState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
