package io.tillsync.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Browser;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In Chromium, as the security chain and Vaadin answer them together: an admin's mistyped address
 * and a manager's admin page both show a page of the back-office with its menu, and the browser's
 * icon request is answered.
 */
@IntegrationTest
@Tag("browser")
class ErrorPagesBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    @Test
    void a_mistyped_address_and_an_admins_page_read_as_pages_of_the_back_office() {
        ApiClient api = new ApiClient(port);
        String manager = fixtures.manager(TestData.BRANCH);
        try (Browser browser = new Browser(api.base())) {
            Page admin = browser.newSession("en-US");
            Browser.login(admin, "admin", TestData.ADMIN_PASSWORD);
            admin.navigate("/brances");
            admin.locator("#error-title").waitFor();
            assertThat(admin.locator("#error-title").innerText()).isEqualTo("Page not found");
            assertThat(admin.locator("vaadin-side-nav").count()).isEqualTo(1);
            assertThat(admin.content()).doesNotContain("Whitelabel");
            assertThat(admin.locator("#error-back").getAttribute("href")).isNotNull();

            Response icon = admin.navigate("/favicon.ico");
            assertThat(icon.status()).isEqualTo(200);
            assertThat(icon.headers().get("content-type")).contains("icon");

            Page shop = browser.newSession("id-ID");
            Browser.login(shop, manager, Fixtures.MANAGER_PASSWORD);
            shop.navigate("/users");
            shop.locator("#error-title").waitFor();
            assertThat(shop.locator("#error-title").innerText()).isEqualTo("Tidak tersedia untuk Anda");
            assertThat(shop.locator("vaadin-side-nav").count()).isEqualTo(1);
            assertThat(shop.content()).doesNotContain("Could not navigate");
        }
    }
}
