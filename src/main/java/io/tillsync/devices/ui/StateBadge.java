package io.tillsync.devices.ui;

import com.vaadin.flow.component.html.Span;
import io.tillsync.devices.HealthState;
import java.util.Locale;

/** A coloured word for a till's health, the same on the grid, the device page and the dashboard. */
class StateBadge extends Span {

    public StateBadge(HealthState state) {
        String name = state.name().toLowerCase(Locale.ROOT);
        setText(getTranslation("health." + name));
        addClassNames("state-badge", "state-" + name);
    }
}
