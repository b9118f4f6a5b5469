package io.tillsync.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;

/** The back-office frame: navigation built from the views the signed-in user may open. */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext auth) {
        setPrimarySection(Section.DRAWER);
        H1 title = new H1("Tillsync");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "var(--lumo-space-m)");
        SideNav nav = new SideNav();
        MenuConfiguration.getMenuEntries().forEach(entry ->
                nav.addItem(new SideNavItem(entry.title(), entry.path(), VaadinIcon.ANGLE_RIGHT.create())));
        addToDrawer(title, nav);
        Span user = new Span(auth.getPrincipalName().orElse(""));
        Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> auth.logout());
        logout.getElement().setAttribute("aria-label", "Sign out");
        HorizontalLayout bar = new HorizontalLayout(user, logout);
        bar.setAlignItems(HorizontalLayout.Alignment.CENTER);
        bar.getStyle().set("margin-left", "auto").set("margin-right", "var(--lumo-space-m)");
        addToNavbar(new DrawerToggle(), bar);
    }
}
