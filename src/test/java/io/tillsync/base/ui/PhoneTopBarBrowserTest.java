package io.tillsync.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.tillsync.support.Browser;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** On a phone, Sign out stays on the screen and the page does not scroll sideways. */
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
        }
    }
}
