package io.tillsync.conflicts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Browser;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Managers work on tablets: the pages they keep open fit the screen's width, with nothing to scroll sideways. */
@IntegrationTest
@Tag("browser")
class TabletLayoutBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"1024, 768", "800, 1280"})
    void dashboard_and_conflict_page_fit_a_tablet_without_sideways_scrolling(int width, int height) {
        ApiClient api = new ApiClient(port);
        Fixtures.Raised raised = Fixtures.totalsMismatch(api, TestData.BRANCH);
        String manager = fixtures.manager(TestData.BRANCH);

        try (Browser browser = new Browser(api.base(), width, height)) {
            Page page = browser.page;
            browser.login(manager, Fixtures.MANAGER_PASSWORD);
            page.locator("#dashboard-tiles .kpi").first().waitFor();
            page.locator("#attention").waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/tablet/dashboard-" + width + "x" + height + ".png")));
            assertThat(Browser.fitsWidth(page)).as("dashboard at %d x %d", width, height).isTrue();

            page.navigate("/conflicts/" + raised.conflictId());
            page.locator("#conflict-diff .diff-changed").first().waitFor();
            assertThat(Browser.fitsWidth(page)).as("conflict page at %d x %d", width, height).isTrue();
            // the merge panel opens below the diff with one editor per differing field: it must fit as well
            page.locator("#merge").click();
            page.locator("#merge-panel .merge-row").first().waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/tablet/conflict-" + width + "x" + height + ".png")));
            assertThat(Browser.fitsWidth(page)).as("conflict page with the merge panel at %d x %d", width, height).isTrue();

            // and the check does see overflow: a block wider than the screen in the view fails it
            page.evaluate("() => { const d = document.createElement('div'); d.style.width = '3000px'; d.style.height = '1px';"
                    + " document.querySelector('#conflict-diff').parentElement.appendChild(d); }");
            assertThat(Browser.fitsWidth(page)).isFalse();
        }
    }
}
