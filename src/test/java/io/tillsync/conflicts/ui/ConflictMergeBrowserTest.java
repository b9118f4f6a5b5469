package io.tillsync.conflicts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Browser;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The whole loop in a real browser: a till sends a sale whose totals do not add up, a store
 * manager signs in, watches the dashboard follow new traffic by push, sees the differences
 * highlighted, merges field by field, and the till's next pull carries the booked outcome.
 */
@IntegrationTest
@Tag("browser")
class ConflictMergeBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    @Test
    void manager_merges_a_totals_conflict_in_the_browser_and_the_device_pulls_the_outcome() {
        ApiClient api = new ApiClient(port);
        Fixtures.Raised raised = Fixtures.totalsMismatch(api, TestData.BRANCH);
        String cursor = api.changes(raised.token(), null).data().get("cursor").asString();
        String manager = fixtures.manager(TestData.BRANCH);

        try (Browser browser = new Browser(api.base())) {
            Page page = browser.page;
            browser.login(manager, Fixtures.MANAGER_PASSWORD);
            page.locator("vaadin-side-nav").waitFor();
            assertThat(Browser.servedFromProductionBundle(page)).as("the production bundle, as the packaged jar serves it").isTrue();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("docs/images/dashboard.png")).setFullPage(true));

            // the dashboard follows new traffic through server push, without a reload
            Locator requests = page.locator("#tile-requests .kpi-value");
            String before = requests.innerText();
            api.sync(raised.token(), Sales.batch(raised.deviceId(), List.of(Sales.sale(raised.deviceId(), 2, 1238, 1, 15000))));
            page.waitForCondition(() -> !before.equals(requests.innerText()), new Page.WaitForConditionOptions().setTimeout(20_000));

            // tall enough that the highlighted totals fit in the screenshot; the grid scrolls inside the layout
            page.setViewportSize(1280, 1500);
            page.navigate("/conflicts/" + raised.conflictId());
            Locator changed = page.locator("#conflict-diff .diff-changed.json-diff-value");
            changed.first().waitFor();
            assertThat(changed.allInnerTexts()).contains("Rp 39,000", "Rp 38,500");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("docs/images/conflict.png")).setFullPage(true));

            page.locator("#merge").click();
            page.locator("#merge-panel [data-path='grand_total'] vaadin-radio-button").filter(new Locator.FilterOptions().setHasText("Server"))
                    .click();
            page.locator("#merge-check").click();
            page.locator("#merge-book:not([disabled])").waitFor();
            assertThat(page.locator("#merge-preview").innerText()).contains("38500");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("docs/images/conflict-merge.png")).setFullPage(true));
            page.locator("#resolve-comment textarea").fill("Till counted tax on the water twice");
            page.locator("#merge-book").click();
            page.locator("#conflict-history").getByText("resolved").first().waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));

            // a tablet held upright: the resolved conflict's page still fits the width, the diff included
            page.setViewportSize(768, 1024);
            page.reload();
            page.locator("#conflict-diff").waitFor();
            assertThat(Browser.fitsWidth(page)).isTrue();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("docs/images/conflict-tablet.png")));
        }

        JsonNode pulled = api.changes(raised.token(), cursor).data();
        JsonNode outcome = null;
        for (JsonNode c : pulled.get("conflicts")) {
            if (raised.conflictId().equals(c.get("conflict_id").asString())) {
                outcome = c;
            }
        }
        assertThat(outcome).as(pulled.toString()).isNotNull();
        assertThat(outcome.get("resolution").asString()).isEqualTo("merge");
        assertThat(outcome.get("outcome").asString()).isEqualTo("booked");
        assertThat(outcome.get("final_data").get("grand_total").decimalValue()).isEqualByComparingTo("38500");
        assertThat(outcome.get("transaction_code").asString()).startsWith("TRX-MC01-" + TestData.BRANCH);
    }
}
