package io.tillsync.support;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import java.util.List;
import java.util.Set;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Browserless UI tests on the real application context and database: views are built and
 * navigated as in a browser session, as a user signed in with their real role.
 */
@IntegrationTest
public abstract class UiTest {

    private static final Routes ROUTES = routes();

    /** Views are package-private, which Karibu's discovery skips; Spring's scanner finds them all. */
    @SuppressWarnings("unchecked")
    private static Routes routes() {
        Routes routes = new Routes().autoDiscoverViews("io.tillsync");
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(com.vaadin.flow.router.Route.class));
        for (var bean : scanner.findCandidateComponents("io.tillsync")) {
            try {
                routes.getRoutes().add((Class<? extends com.vaadin.flow.component.Component>) Class.forName(bean.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return routes;
    }

    @Autowired
    protected ApplicationContext ctx;
    @LocalServerPort
    protected int port;
    @Autowired
    protected Fixtures fixtures;
    @Autowired
    protected JdbcTemplate jdbc;

    /** A fresh browser session (and UI); the previous one stays in memory as long as someone holds it. */
    @BeforeEach
    protected void newSession() {
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(ROUTES, ctx, uiFactory));
    }

    @AfterEach
    void tearDownVaadin() {
        SecurityContextHolder.clearContext();
        MockVaadin.tearDown();
    }

    /** Signs in as an existing user with the given role (ADMIN or MANAGER), as the login form would. */
    protected void login(String username, String role) {
        var auth = new UsernamePasswordAuthenticationToken(username, null, List.of(new SimpleGrantedAuthority("ROLE_" + role)));
        SecurityContext context = new SecurityContextImpl(auth);
        SecurityContextHolder.setContext(context);
        // Vaadin reads the signed-in user from the session, where Spring's login would have stored it
        VaadinSession.getCurrent().getSession().setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(auth);
        request.setUserInRole((principal, r) -> Set.of(role).contains(r));
    }

    protected void loginAdmin() {
        login("admin", "ADMIN");
    }
}
