package io.tillsync.base.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** The landing page. */
@Route("")
@PageTitle("Sync health · Tillsync")
@Menu(order = 0, title = "Sync health")
@RolesAllowed({"ADMIN", "MANAGER"})
public class DashboardView extends VerticalLayout {

    public DashboardView() {
        add(new H2("Sync health"), new Paragraph("Devices, sync requests and conflicts of your branches."));
    }
}
