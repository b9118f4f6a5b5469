package io.tillsync.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Browser;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A laptop's 1366 × 768 shows every column of the conflicts and transactions lists, the last one
 * included, without scrolling the grid sideways; phones and tablets still get pages that do not
 * scroll sideways. Checked for an admin, who sees the branch of every row, in both languages.
 */
@IntegrationTest
@Tag("browser")
class LaptopListsBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "id-ID"})
    void every_column_of_the_conflicts_and_transactions_lists_is_in_view_at_1366(String locale) {
        ApiClient api = new ApiClient(port);
        Fixtures.Raised raised = Fixtures.totalsMismatch(api, TestData.BRANCH);
        String till = Sales.newDeviceId();
        String token = api.enroll(till, TestData.OTHER_BRANCH);
        Map<String, Object> sale = Sales.sale(till, 1, 1238, 2, 15000);
        sale.put("branch_code", TestData.OTHER_BRANCH);
        sale.put("payment_method", "EWALLET");
        api.sync(token, Sales.batch(till, List.of(sale)));

        try (Browser browser = new Browser(api.base(), 1366, 768)) {
            Page page = browser.newSession(locale);
            Browser.login(page, "admin", TestData.ADMIN_PASSWORD);
            String lang = locale.substring(0, 2);

            page.navigate("/conflicts?state=any&device=" + raised.deviceId());
            page.locator("#conflicts-grid vaadin-grid-cell-content").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText(raised.deviceId())).first().waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/laptop/conflicts-" + lang + ".png")));
            Browser.GridEdge conflicts = Browser.gridEdge(page, "#conflicts-grid");
            assertThat(conflicts.lastColumnInView()).as("conflicts list at 1366: %s", conflicts).isTrue();
            assertThat(Browser.fitsWidth(page)).isTrue();

            page.navigate("/transactions?device=" + till);
            page.locator("#transactions-grid vaadin-grid-cell-content").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText(till)).first().waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/laptop/transactions-" + lang + ".png")));
            Browser.GridEdge transactions = Browser.gridEdge(page, "#transactions-grid");
            assertThat(transactions.lastColumnInView()).as("transactions list at 1366: %s", transactions).isTrue();
            assertThat(Browser.fitsWidth(page)).isTrue();

            // a phone and a tablet: the pages still do not scroll sideways (the grids may, inside their frames)
            for (int[] size : new int[][] {{390, 844}, {800, 1280}}) {
                page.setViewportSize(size[0], size[1]);
                for (String list : List.of("/conflicts", "/transactions", "/devices", "/users", "/sign-ins", "/branches")) {
                    page.navigate(list);
                    page.locator("vaadin-grid").first().waitFor();
                    page.waitForTimeout(300);
                    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/phone/" + list.substring(1) + "-" + lang + "-" + size[0] + ".png")));
                    assertThat(Browser.fitsWidth(page)).as("%s at %d", list, size[0]).isTrue();
                }
            }
        }
    }
}
