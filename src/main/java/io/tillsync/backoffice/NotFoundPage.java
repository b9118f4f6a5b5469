package io.tillsync.backoffice;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import io.tillsync.backoffice.ErrorPage;
import io.tillsync.backoffice.MainLayout;

/**
 * A mistyped or outdated address, inside the usual frame so the menu is still there. Public, like
 * the other error page, so that every scan for error views finds it, not only Spring's.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class NotFoundPage extends ErrorPage implements HasErrorParameter<NotFoundException>, HasDynamicTitle {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        show("error.page.notFound", getTranslation("error.page.notFound.text", "/" + event.getLocation().getPath()));
        return HttpServletResponse.SC_NOT_FOUND;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("error.page.notFound") + " · Tillsync";
    }
}
