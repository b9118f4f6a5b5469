package io.tillsync.backoffice;

import com.vaadin.flow.component.Component;
import java.util.Optional;

/**
 * A part of the dashboard that another module contributes. The dashboard lives in {@code devices},
 * and a module that reads devices (recovery does) could not be called from there without a cycle:
 * it offers its part as a bean of this type instead.
 */
public interface DashboardPart {

    /** The part for the signed-in user in this UI, or empty when it is not for them. */
    Optional<Section> create();

    /** What the dashboard shows and refreshes together with its own figures. */
    interface Section {

        Component component();

        void refresh();
    }
}
