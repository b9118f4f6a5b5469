package io.tillsync.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Browser;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.TestData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The back-office under its Content-Security-Policy with a script-src and its Permissions-Policy,
 * in Chromium: signing in, every list, a conflict's page and signing out work, and the browser
 * reports no violation of the policy.
 */
@IntegrationTest
@Tag("browser")
class BackOfficeCspBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    @Test
    void the_back_office_works_under_its_script_policy_and_the_browser_reports_no_violation() throws Exception {
        Fixtures.Raised raised = Fixtures.totalsMismatch(new ApiClient(port), TestData.BRANCH);
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            Page page = browser.page;
            List<String> violations = Collections.synchronizedList(new ArrayList<>());
            page.onConsoleMessage(m -> {
                if (m.text().contains("Content Security Policy") || m.text().contains("Permissions policy")) {
                    violations.add(m.text());
                }
            });
            Response login = page.navigate("/login");
            assertThat(login.headers().get("content-security-policy")).contains("script-src 'self'").contains("form-action 'self'");
            assertThat(login.headers().get("permissions-policy")).contains("camera=()");

            browser.login("admin", TestData.ADMIN_PASSWORD);
            for (String view : List.of("/", "/devices", "/conflicts", "/conflicts/" + raised.conflictId(), "/transactions", "/branches",
                    "/users", "/sign-ins")) {
                page.navigate(view);
                page.locator("vaadin-side-nav").waitFor();
                page.waitForLoadState();
            }
            page.navigate("/conflicts/" + raised.conflictId());
            page.locator("vaadin-side-nav").waitFor();
            // the server's own scripts run (Vaadin's executeJs and bindings): the page answers a click
            page.locator("#sign-out").click();
            page.waitForURL(url -> url.contains("/login"));

            assertThat(violations).isEmpty();
        }
    }
}
