package io.tillsync.backoffice;

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
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A sale's page and a till's page on a phone, in both languages: they do not scroll sideways, and
 * they name the branch and the till as people know them, not by their codes alone.
 */
@IntegrationTest
@Tag("browser")
class DetailPagesPhoneBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "id-ID"})
    void the_sale_and_the_till_pages_fit_a_phone_and_name_the_branch_and_the_till(String locale) {
        ApiClient api = new ApiClient(port);
        String till = Fixtures.tillWithOneSale(api, TestData.OTHER_BRANCH);
        long saleId = jdbc.queryForObject("SELECT id FROM transactions WHERE device_id = ?", Long.class, till);
        String branch = "Outlet Kemang (" + TestData.OTHER_BRANCH + ")";
        String lang = locale.substring(0, 2);

        try (Browser browser = new Browser(api.base(), 390, 844)) {
            Page page = browser.newSession(locale);
            Browser.login(page, "admin", TestData.ADMIN_PASSWORD);

            page.navigate("/transactions/" + saleId);
            page.locator("#transaction-lines").waitFor();
            page.waitForTimeout(300);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/phone/sale-" + lang + ".png")).setFullPage(true));
            assertThat(page.locator("body").innerText()).contains(branch, "Till " + till);
            assertThat(Browser.fitsWidth(page)).as("the sale's page at 390 px").isTrue();

            page.navigate("/devices/" + till);
            page.locator("#sync-history").waitFor();
            page.waitForTimeout(300);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/phone/till-" + lang + ".png")).setFullPage(true));
            assertThat(page.locator("h2").first().innerText()).isEqualTo("Till " + till);
            assertThat(page.locator("body").innerText()).contains(branch);
            assertThat(Browser.fitsWidth(page)).as("the till's page at 390 px").isTrue();
        }
    }
}
