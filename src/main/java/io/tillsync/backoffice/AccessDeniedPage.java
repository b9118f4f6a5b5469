package io.tillsync.backoffice;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A page the signed-in user's role may not open, such as a manager on /users. Only roles are
 * checked at this gate, and the views a manager is refused are the admin's pages, whose existence
 * is no secret: saying so helps more than a not-found would. Other branches' records still read as
 * not found, from their own views.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class AccessDeniedPage extends ErrorPage implements HasErrorParameter<AccessDeniedException>, HasDynamicTitle {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        show("error.page.denied", getTranslation("error.page.denied.text"));
        return HttpServletResponse.SC_FORBIDDEN;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("error.page.denied") + " · Tillsync";
    }
}
