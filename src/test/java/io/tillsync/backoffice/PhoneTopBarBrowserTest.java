package io.tillsync.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.tillsync.support.Browser;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** On a phone, Sign out stays on the screen and the page does not scroll sideways; the person's name shows from a tablet up. */
@IntegrationTest
@Tag("browser")
class PhoneTopBarBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void sign_out_is_in_view_at_390_pixels() {
        try (Browser browser = new Browser("http://127.0.0.1:" + port, 390, 844)) {
            Page page = browser.newSession("id-ID");
            Browser.login(page, "admin", TestData.ADMIN_PASSWORD);
            page.navigate("/");
            page.locator("#sign-out").waitFor();
            BoundingBox box = page.locator("#sign-out").boundingBox();

            assertThat(box.x).isGreaterThanOrEqualTo(0);
            assertThat(box.x + box.width).as("Sign out's right edge").isLessThanOrEqualTo(390);
            assertThat(Browser.fitsWidth(page)).isTrue();
            assertThat(page.locator("#top-user").isVisible()).as("the name gives way on a phone").isFalse();

            page.setViewportSize(1024, 768);
            page.locator("#top-user").waitFor();
            assertThat(page.locator("#top-user").innerText()).isEqualTo("Administrator");
            assertThat(page.locator("#top-user").getAttribute("title")).isEqualTo("admin");
            assertThat(page.locator("#sign-out").isVisible()).isTrue();
        }
    }
}
