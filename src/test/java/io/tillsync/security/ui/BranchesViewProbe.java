package io.tillsync.security.ui;

import com.vaadin.flow.component.Component;

/** The branches view is package-private in catalog.ui; tests elsewhere find it by name. */
final class BranchesViewProbe {

    private BranchesViewProbe() {
    }

    @SuppressWarnings("unchecked")
    static Class<? extends Component> type() {
        try {
            return (Class<? extends Component>) Class.forName("io.tillsync.catalog.ui.BranchesView");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
