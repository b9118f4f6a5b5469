package io.tillsync.backoffice;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.NavigationTrigger;
import io.tillsync.support.TestData;
import io.tillsync.support.UiTest;
import org.junit.jupiter.api.Test;
import io.tillsync.backoffice.MainLayout;
import io.tillsync.backoffice.Translations;

/** A wrong address or a page of another role reads as a page of the back-office, with its menu and the way back. */
class ErrorPagesTest extends UiTest {

    @Test
    void a_manager_on_an_admins_page_is_told_so_inside_the_frame_in_their_language() {
        login(fixtures.manager(TestData.BRANCH), "MANAGER");
        UI.getCurrent().setLocale(Translations.INDONESIAN);

        UI.getCurrent().navigate("branches");

        _get(MainLayout.class);
        _get(SideNav.class);
        assertThat(_get(H2.class, s -> s.withId("error-title")).getText()).isEqualTo("Tidak tersedia untuk Anda");
        assertThat(_get(Paragraph.class, s -> s.withId("error-text")).getText()).contains("admin");
        assertThat(_get(Anchor.class, s -> s.withId("error-back")).getText()).isEqualTo("Kembali ke dasbor kesehatan sinkronisasi");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Tidak tersedia untuk Anda · Tillsync");

        UI.getCurrent().navigate("users");
        assertThat(_get(H2.class, s -> s.withId("error-title")).getText()).isEqualTo("Tidak tersedia untuk Anda");
    }

    @Test
    void a_mistyped_address_is_not_found_inside_the_frame_with_the_way_back() {
        loginAdmin();

        // as the browser's address bar does: UI.navigate ignores a path no route takes
        UI ui = UI.getCurrent();
        ui.getInternals().getRouter().navigate(ui, new Location("brances"), NavigationTrigger.PAGE_LOAD);

        _get(MainLayout.class);
        assertThat(_get(H2.class, s -> s.withId("error-title")).getText()).isEqualTo("Page not found");
        assertThat(_get(Paragraph.class, s -> s.withId("error-text")).getText()).contains("/brances");
        assertThat(_get(Anchor.class, s -> s.withId("error-back")).getText()).isEqualTo("Back to the sync health dashboard");
    }
}
