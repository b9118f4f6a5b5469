package io.tillsync.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.TestData;
import io.tillsync.support.UiTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A closed tab leaves nothing behind that fails later: its live refreshes stop without an error in the log. */
class TabCloseTest extends UiTest {

    @Test
    void closing_a_tab_with_live_views_logs_no_error() throws Exception {
        Fixtures.Raised raised = Fixtures.totalsMismatch(new ApiClient(port), TestData.BRANCH);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            login(fixtures.manager(TestData.BRANCH), "MANAGER");
            for (String view : List.of("", "devices", "conflicts", "conflicts/" + raised.conflictId(), "transactions")) {
                UI.getCurrent().navigate(view);
            }
            UI.getCurrent().navigate("");
            // refreshes come due while this thread holds the session, as while a request is being handled:
            // they wait in the session's queue and run only after the tab has closed
            Thread.sleep(6500);
            UI ui = UI.getCurrent();
            VaadinSession session = VaadinSession.getCurrent();
            ui.close();
            session.removeUI(ui);
            session.getService().runPendingAccessTasks(session);
            Thread.sleep(1000);
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                .extracting(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName()
                        + ": " + e.getThrowableProxy().getMessage()))
                .isEmpty();
    }
}
