package io.tillsync.backoffice;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.beans.factory.ObjectProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.tillsync.backoffice.LiveRefresh;

/** The back-office frame: navigation built from the views the signed-in user may open, and the language switch. */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout {

    /** Menu entries are declared in English on the views; the drawer shows them in the user's language. */
    private static final Map<String, String> TITLES = Map.of("", "nav.dashboard", "conflicts", "nav.conflicts",
            "devices", "nav.devices", "transactions", "nav.transactions", "branches", "nav.branches", "users", "nav.users", "sign-ins", "nav.signIns");

    public MainLayout(AuthenticationContext auth, List<MenuCount> counts, LiveRefresh live, ObjectProvider<SignedInName> names,
                      SessionLimits limits) {
        setPrimarySection(Section.DRAWER);
        // what the person does counts as use of the session; the tab refreshing itself does not
        addAttachListener(e -> limits.watch(e.getUI()));
        H1 title = new H1("Tillsync");
        title.getStyle().set("font-size", "1.125rem").set("margin", "0.75rem");
        SideNav nav = new SideNav();
        Map<Span, MenuCount> badges = new java.util.LinkedHashMap<>();
        MenuConfiguration.getMenuEntries().forEach(entry -> {
            String path = entry.path().replaceAll("^/", "");
            String key = TITLES.get(path);
            SideNavItem item = new SideNavItem(key == null ? entry.title() : getTranslation(key), entry.path(), VaadinIcon.ANGLE_RIGHT.create());
            counts.stream().filter(c -> c.path().equals(path)).findFirst().ifPresent(c -> {
                Span badge = new Span();
                badge.addClassName("menu-count");
                badge.setId("menu-count-" + path);
                item.setSuffixComponent(badge);
                badges.put(badge, c);
            });
            nav.addItem(item);
        });
        if (!badges.isEmpty()) {
            Runnable refresh = () -> badges.forEach((badge, c) -> {
                java.util.OptionalLong n = c.count();
                badge.setVisible(n.isPresent() && n.getAsLong() > 0);
                badge.setText(n.isPresent() ? String.format(getLocale(), "%,d", n.getAsLong()) : "");
                badge.getElement().setAttribute("aria-label", n.isPresent() ? getTranslation("layout.openCount", n.getAsLong()) : "");
            });
            refresh.run();
            live.whileAttached(this, refresh);
        }
        addToDrawer(title, nav);
        Select<Locale> language = new Select<>();
        language.setItems(Translations.ENGLISH, Translations.INDONESIAN);
        language.setItemLabelGenerator(l -> Money.isIndonesian(l) ? "Bahasa Indonesia" : "English");
        language.setValue(Money.isIndonesian(getLocale()) ? Translations.INDONESIAN : Translations.ENGLISH);
        language.getElement().setAttribute("aria-label", getTranslation("layout.language"));
        language.setId("language");
        language.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                VaadinSession.getCurrent().setLocale(e.getValue());
                UI.getCurrent().getPage().reload();
            }
        });
        // the person's name reads better than a login; the login stays at hand on hover, as the one to give an admin
        String login = auth.getPrincipalName().orElse("");
        SignedInName fullNames = names.getIfAvailable();
        Span user = new Span(fullNames == null ? login : fullNames.fullName().orElse(login));
        user.getElement().setAttribute("title", login);
        user.setId("top-user");
        // on a phone the bar holds the language and Sign out only: the name would push Sign out off-screen
        user.addClassName("top-user");
        Button logout = new Button(getTranslation("layout.signout"), VaadinIcon.SIGN_OUT.create(), e -> auth.logout());
        logout.getElement().setAttribute("aria-label", getTranslation("layout.signout"));
        logout.setId("sign-out");
        HorizontalLayout bar = new HorizontalLayout(language, user, logout);
        bar.setAlignItems(HorizontalLayout.Alignment.CENTER);
        bar.getStyle().set("margin-left", "auto").set("margin-right", "0.75rem").set("min-width", "0");
        bar.addClassName("top-bar");
        addToNavbar(new DrawerToggle(), bar);
    }
}
