package io.tillsync.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.playwright.Page;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Browser;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.TestData;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Closing a tab in Chromium, with its push connection and live refresh, leaves no error of the back-office in the server log. */
@IntegrationTest
@Tag("browser")
class TabCloseBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    @Test
    void closing_tabs_of_live_views_logs_no_error() throws Exception {
        ApiClient api = new ApiClient(port);
        Fixtures.Raised raised = Fixtures.totalsMismatch(api, TestData.BRANCH);
        String manager = fixtures.manager(TestData.BRANCH);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try (Browser browser = new Browser(api.base())) {
            Page first = browser.newSession();
            Browser.login(first, manager, Fixtures.MANAGER_PASSWORD);
            for (String view : List.of("/", "/devices", "/conflicts", "/conflicts/" + raised.conflictId(), "/transactions", "/")) {
                Page tab = first.context().newPage();
                tab.navigate(view);
                tab.locator("vaadin-side-nav").waitFor();
                Thread.sleep(1500);
                tab.close(new Page.CloseOptions().setRunBeforeUnload(true));
            }
            first.close();
            Thread.sleep(7000);
        } finally {
            root.detachAppender(log);
        }
        // Atmosphere's websocket teardown can race the browser's close and log a failed cancel of a
        // connection it already dropped: that is inside the push library, below anything the
        // back-office registers, so only the application's and Vaadin's session handling are held to it
        assertThat(log.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .filteredOn(e -> !e.getLoggerName().startsWith("org.atmosphere")
                        && !e.getLoggerName().equals("com.vaadin.flow.server.communication.PushAtmosphereHandler"))
                .extracting(e -> e.getLoggerName() + ": " + e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                        : " " + e.getThrowableProxy().getClassName() + ": " + e.getThrowableProxy().getMessage()))
                .isEmpty();
    }
}
