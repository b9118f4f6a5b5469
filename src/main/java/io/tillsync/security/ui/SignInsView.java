package io.tillsync.security.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import io.tillsync.backoffice.Formats;
import io.tillsync.security.SignInLog;
import jakarta.annotation.security.RolesAllowed;

/** For admins: which addresses must wait before their next password is checked, and the latest sign-in attempts. */
@Route("sign-ins")
@Menu(order = 6, title = "Sign-ins")
@RolesAllowed("ADMIN")
class SignInsView extends VerticalLayout implements HasDynamicTitle {

    SignInsView(SignInLog signIns) {
        setSizeFull();
        add(new H2(getTranslation("nav.signIns")), new Paragraph(getTranslation("signIns.hint")));

        Grid<SignInLog.Block> blocked = new Grid<>();
        blocked.setId("sign-ins-blocked");
        blocked.addColumn(SignInLog.Block::username)
                .setHeader(getTranslation("users.username")).setAutoWidth(true);
        blocked.addColumn(SignInLog.Block::source).setHeader(getTranslation("signIns.source")).setAutoWidth(true);
        blocked.addColumn(SignInLog.Block::failures).setHeader(getTranslation("signIns.failures")).setAutoWidth(true);
        blocked.addColumn(SignInLog.Block::refused).setHeader(getTranslation("signIns.refused")).setAutoWidth(true);
        blocked.addColumn(b -> Formats.dateTime(b.blockedUntil(), getLocale())).setHeader(getTranslation("signIns.until"))
                .setAutoWidth(true);
        blocked.setItems(signIns.blockedNow());
        blocked.setAllRowsVisible(true);
        add(new H3(getTranslation("signIns.blocked")), blocked);

        Grid<SignInLog.Attempt> attempts = new Grid<>();
        attempts.setId("sign-ins-attempts");
        attempts.addColumn(a -> Formats.dateTime(a.at(), getLocale())).setHeader(getTranslation("col.when")).setAutoWidth(true);
        attempts.addColumn(SignInLog.Attempt::username).setHeader(getTranslation("users.username")).setAutoWidth(true);
        attempts.addColumn(SignInLog.Attempt::source).setHeader(getTranslation("signIns.source")).setAutoWidth(true);
        attempts.addColumn(a -> getTranslation("signIns.outcome." + a.outcome())).setHeader(getTranslation("signIns.outcome"))
                .setAutoWidth(true);
        attempts.setItems(q -> signIns.attempts(VaadinSpringDataHelpers.toSpringPageRequest(q)).stream());
        attempts.setSizeFull();
        add(new H3(getTranslation("signIns.latest")), attempts);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.signIns") + " · Tillsync";
    }
}
