package io.tillsync.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.tillsync.security.UserService;
import io.tillsync.support.Browser;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.MovableClock;
import io.tillsync.support.TestData;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.junit.jupiter.api.AfterEach;

/**
 * A back-office tab on a live view keeps talking to the server by itself (push refreshes, then the
 * grid asks for rows): its session still ends when its person stops using it, and when the
 * account is disabled, with a plain sentence on the sign-in page. Time is moved, not waited for.
 */
@IntegrationTest
@Tag("browser")
class IdleTabBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    final MovableClock clock = MovableClock.SHARED;
    @Autowired
    UserService users;

    @AfterEach
    void timeAsItWas() {
        clock.reset();
    }

    @Test
    void a_tab_left_open_on_transactions_is_signed_out_after_the_idle_timeout_however_it_refreshes() throws Exception {
        String manager = fixtures.manager(TestData.BRANCH);
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            Page page = browser.page;
            browser.login(manager, Fixtures.MANAGER_PASSWORD);
            page.navigate("/transactions");
            page.locator("vaadin-grid").first().waitFor();

            // 20 minutes pass, then the person goes to the dashboard and back: that is use
            clock.advance(Duration.ofMinutes(20));
            page.navigate("/");
            page.navigate("/transactions");
            page.locator("vaadin-grid").first().waitFor();
            clock.advance(Duration.ofMinutes(20));
            // 40 minutes after sign-in but 20 after the last use, through two live refreshes: still in
            Thread.sleep(11_000);
            assertThat(page.url()).contains("/transactions");

            // nobody touches the tab for 31 minutes; it goes on refreshing itself
            clock.advance(Duration.ofMinutes(11));
            page.waitForURL(url -> url.contains("/login"), new Page.WaitForURLOptions().setTimeout(20_000));
            page.locator("#signed-out-reason").waitFor();
            assertThat(page.locator("#signed-out-reason").innerText()).contains("30 minutes without use");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "signed-out-idle.png")));

            // the session is over: the back-office asks for a sign-in again
            page.navigate("/transactions");
            page.waitForURL(url -> url.contains("/login"));
        }
    }

    @Test
    void a_disabled_users_open_tab_is_signed_out_with_a_plain_sentence() throws Exception {
        String manager = fixtures.manager(TestData.BRANCH);
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            Page page = browser.newSession("id-ID");
            Browser.login(page, manager, Fixtures.MANAGER_PASSWORD);
            page.navigate("/transactions");
            page.locator("vaadin-grid").first().waitFor();

            long id = users.find(manager).orElseThrow().getId();
            fixtures.asAdmin(() -> users.setEnabled(id, false, "admin"));

            page.waitForURL(url -> url.contains("/login"), new Page.WaitForURLOptions().setTimeout(20_000));
            String reason = page.locator("#signed-out-reason").innerText();
            assertThat(reason).contains("dinonaktifkan").doesNotContain("Exception");
            assertThat(page.content()).doesNotContain("AccessDeniedException");
            page.setViewportSize(390, 844);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "signed-out-disabled-id-phone.png")));
        }
    }
}
