package io.tillsync.backoffice;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends Main implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm login = new LoginForm();
    private final Paragraph ended = new Paragraph();
    private final SessionLimits limits;

    public LoginView(SessionLimits limits) {
        this.limits = limits;
        addClassName("login-view");
        getStyle().set("display", "flex").set("justify-content", "center").set("align-items", "center").set("min-height", "100vh");
        LoginI18n i18n = LoginI18n.createDefault();
        LoginI18n.Header header = new LoginI18n.Header();
        header.setTitle("Tillsync");
        header.setDescription(getTranslation("login.description"));
        i18n.setHeader(header);
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("users.username"));
        i18n.getForm().setPassword(getTranslation("users.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.failed"));
        i18n.getErrorMessage().setMessage(getTranslation("login.failed.hint"));
        login.setI18n(i18n);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        // why the last session ended, when it was ended for the person (idle, too long, account disabled)
        ended.setId("signed-out-reason");
        ended.setVisible(false);
        ended.getStyle().set("max-width", "22rem").set("text-align", "center");
        VerticalLayout column = new VerticalLayout(ended, login);
        column.setAlignItems(FlexComponent.Alignment.CENTER);
        column.setPadding(false);
        column.setWidth(null);
        add(column);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        login.setError(parameters.containsKey("error"));
        String reason = limits.reason(parameters.keySet());
        ended.setText(reason == null ? "" : reason.equals("idle") ? getTranslation("login.ended.idle", limits.idleMinutes())
                : reason.equals("expired") ? getTranslation("login.ended.expired", limits.absoluteHours())
                : getTranslation("login.ended.disabled"));
        ended.setVisible(reason != null);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.submit") + " · Tillsync";
    }
}
