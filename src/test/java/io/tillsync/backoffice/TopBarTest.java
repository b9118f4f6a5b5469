package io.tillsync.backoffice;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import io.tillsync.security.Role;
import io.tillsync.security.UserService;
import io.tillsync.support.Fixtures;
import io.tillsync.support.UiTest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The top bar names the signed-in person as Users knows them, the login name one hover away. */
class TopBarTest extends UiTest {

    @Autowired
    UserService users;

    @Test
    void the_top_bar_shows_the_persons_full_name_with_the_login_name_as_its_tooltip() {
        String login = "rina" + System.nanoTime();
        fixtures.asAdmin(() -> users.create(login, "Rina Wulandari", Fixtures.MANAGER_PASSWORD, Role.MANAGER,
                Set.of(fixtures.branchId(io.tillsync.support.TestData.BRANCH))));
        login(login, "MANAGER");

        UI.getCurrent().navigate("");

        Span user = _get(Span.class, s -> s.withId("top-user"));
        assertThat(user.getText()).isEqualTo("Rina Wulandari");
        assertThat(user.getElement().getAttribute("title")).isEqualTo(login);
        assertThat(user.getClassNames()).contains("top-user");
    }

    @Test
    void the_admin_created_on_first_start_reads_as_administrator() {
        loginAdmin();

        UI.getCurrent().navigate("");

        Span user = _get(Span.class, s -> s.withId("top-user"));
        assertThat(user.getText()).isEqualTo("Administrator");
        assertThat(user.getElement().getAttribute("title")).isEqualTo("admin");
    }
}
