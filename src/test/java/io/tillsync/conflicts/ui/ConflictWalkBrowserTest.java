package io.tillsync.conflicts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Browser;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A store manager walks every conflict type in Chromium, in one language per walk: the live list,
 * select-all with its explanation, each type's page with what each choice books, the confirmation
 * before reversing or dropping a sale, and bulk resolve. Each page is checked for sideways scrolling
 * at phone, tablet and desktop sizes and photographed for the docs.
 */
@IntegrationTest
@Tag("browser")
class ConflictWalkBrowserTest {

    private static final int[][] VIEWPORTS = {{390, 844}, {800, 1280}, {1366, 768}};

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    @ParameterizedTest
    @ValueSource(strings = {"en", "id"})
    void manager_walks_every_conflict_type_and_resolve_action(String lang) {
        boolean id = "id".equals(lang);
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        String mismatch = Fixtures.totalsMismatch(api, device, token, TestData.BRANCH, 1).conflictId();
        Map<String, Object> sale = Sales.sale(device, 2, 1243, 1, 27000);
        api.sync(token, Sales.batch(device, List.of(sale)));
        Map<String, Object> changed = new LinkedHashMap<>(sale);
        changed.put("items", List.of(Sales.line(1243, 3, 27000)));
        changed.put("subtotal", 81000);
        changed.put("tax_total", 8100);
        changed.put("grand_total", 89100);
        String duplicate = conflictOf(api.sync(token, Sales.batch(device, List.of(changed))));
        String rule = conflictOf(api.sync(token, Sales.batch(device,
                List.of(Sales.sale(device, "20251013", 3, List.of(Sales.line(99999, 1, 10000), Sales.line(1240, 3, 5000)))))));
        String manager = fixtures.manager(TestData.BRANCH);

        try (Browser browser = new Browser(api.base(), 1366, 768)) {
            Page page = browser.newSession(id ? "id-ID" : "en-US");
            Browser.login(page, manager, Fixtures.MANAGER_PASSWORD);
            page.navigate("/conflicts");
            page.locator("#filter-device input").fill(device);
            page.locator("#filter-device input").press("Enter");
            Locator rows = page.locator("vaadin-grid-cell-content");
            page.waitForCondition(() -> rows.allInnerTexts().stream().filter(t -> t.split("\n")[0].equals(device)).count() == 3);

            // the live list: two more mismatches appear without a reload
            Fixtures.totalsMismatch(api, device, token, TestData.BRANCH, 4);
            Fixtures.totalsMismatch(api, device, token, TestData.BRANCH, 5);
            page.waitForCondition(() -> rows.allInnerTexts().stream().filter(t -> t.split("\n")[0].equals(device)).count() == 5,
                    new Page.WaitForConditionOptions().setTimeout(20_000));

            // select-all over mixed kinds: the button stays off and says why
            page.locator("#select-all").click();
            page.waitForCondition(() -> page.locator("#bulk-hint").innerText().contains(id ? "sejenis" : "one kind"));
            assertThat(page.locator("#bulk-resolve").isDisabled()).isTrue();
            shoot(page, "conflicts-list", lang);

            page.navigate("/conflicts/" + mismatch);
            page.locator("#mismatch-differences").waitFor();
            assertThat(page.locator("#keep-server-effect").innerText()).contains(id ? "Rp 38.500" : "Rp 38,500");
            shootEveryViewport(page, "conflict-mismatch", lang);
            page.locator("#resolve-comment textarea").fill("Till rounded up");
            page.locator("#keep-server").click();
            page.locator("#conflict-settled").waitFor();

            page.navigate("/conflicts/" + duplicate);
            page.locator("#view-duplicate").waitFor();
            shootEveryViewport(page, "conflict-duplicate", lang);
            page.locator("#resolve-comment textarea").fill("Second ring-up is right");
            page.locator("#keep-local").click();
            page.locator("#confirm-effect").waitFor();
            assertThat(page.locator("#confirm-effect").innerText()).contains(id ? "Membatalkan penjualan" : "Reverses booked sale");
            page.waitForTimeout(700); // the dialog fades in
            page.screenshot(new Page.ScreenshotOptions().setPath(image("conflict-duplicate-confirm", lang, "desktop")));
            page.locator("#confirm-yes").click();
            page.locator("#conflict-settled").waitFor();

            page.navigate("/conflicts/" + rule);
            page.locator("#rule-break").waitFor();
            assertThat(page.locator("#keep-local").count()).as("keep_local cannot work on an unknown product").isZero();
            assertThat(page.locator("#rule-break").innerText()).doesNotContain("unknown_product").doesNotContain("{");
            shootEveryViewport(page, "conflict-rule", lang);
            page.locator("#resolve-comment textarea").fill("Test sale");
            page.locator("#keep-server").click();
            page.locator("#confirm-effect").waitFor();
            assertThat(page.locator("#confirm-effect").innerText()).contains(id ? "tidak akan tercatat" : "will not be in the books");
            page.locator("#confirm-yes").click();
            page.locator("#conflict-settled").waitFor();

            // bulk: the two remaining mismatches, one kind, resolved together; the button is off again after
            page.navigate("/conflicts");
            page.locator("#filter-device input").fill(device);
            page.locator("#filter-device input").press("Enter");
            page.waitForCondition(() -> rows.allInnerTexts().stream().filter(t -> t.split("\n")[0].equals(device)).count() == 2);
            page.locator("#select-all").click();
            page.locator("#bulk-resolve:not([disabled])").click();
            page.locator("#bulk-effect").waitFor();
            page.locator("#bulk-comment textarea").fill("Rounded at the till");
            page.waitForTimeout(700);
            page.screenshot(new Page.ScreenshotOptions().setPath(image("conflicts-bulk", lang, "desktop")));
            page.locator("#bulk-apply").click();
            page.waitForCondition(() -> page.locator("#bulk-resolve").isDisabled());
            page.locator("vaadin-notification-card").filter(new Locator.FilterOptions().setHasText("2")).first().waitFor();
        }
    }

    private static String conflictOf(ApiClient.Response r) {
        return r.data().get("conflicts").get(0).get("conflict_id").asString();
    }

    private static void shootEveryViewport(Page page, String name, String lang) {
        for (int[] size : VIEWPORTS) {
            page.setViewportSize(size[0], size[1]);
            page.waitForTimeout(300);
            assertThat(Browser.fitsWidth(page)).as(name + " at " + size[0] + "×" + size[1] + " scrolls sideways").isTrue();
            if (size[0] != 800) {
                // tall enough to show the choices below the comparison; the layout scrolls inside, so full-page alone would not
                page.setViewportSize(size[0], size[0] < 500 ? 2600 : 1500);
                page.waitForTimeout(300);
                page.screenshot(new Page.ScreenshotOptions().setPath(image(name, lang, size[0] < 500 ? "phone" : "desktop")).setFullPage(true));
            }
        }
    }

    private static void shoot(Page page, String name, String lang) {
        page.screenshot(new Page.ScreenshotOptions().setPath(image(name, lang, "desktop")));
    }

    private static Path image(String name, String lang, String size) {
        return Path.of("docs/images/" + name + "-" + lang + "-" + size + ".png");
    }
}
