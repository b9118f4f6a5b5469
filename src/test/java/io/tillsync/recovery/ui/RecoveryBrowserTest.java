package io.tillsync.recovery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.tillsync.base.Db;
import io.tillsync.recovery.Backups;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Browser;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The admin's recovery panel in Chromium, as it reads after a restore with one till back and one
 * not yet: in English and Indonesian at desktop width, and on a phone without sideways scrolling.
 */
@IntegrationTest
@Tag("browser")
class RecoveryBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Backups backups;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.tillsync.devices.SyncLog syncLog;

    @Test
    void the_admin_reads_the_last_backup_and_which_tills_have_refilled_after_a_restore() {
        ApiClient api = new ApiClient(port);
        String back = "Kasir-Depan-" + UUID.randomUUID().toString().substring(0, 4);
        String away = "Kasir-Belakang-" + UUID.randomUUID().toString().substring(0, 4);
        String token = api.enroll(back, TestData.BRANCH);
        api.enroll(away, TestData.BRANCH);
        fixtures.asAdmin(() -> backups.verify(fixtures.asAdmin(backups::take).id()));
        Instant restoredAt = Instant.now().minusSeconds(90);
        jdbc.update("INSERT INTO server_restores (restored_at, backup_id, backup_taken_at, epoch) VALUES (?, '20261203T023000Z', ?, ?)",
                Db.ts(restoredAt), Db.ts(restoredAt.minusSeconds(5 * 3600)), UUID.randomUUID().toString());
        try {
            long[] product = fixtures.pricedProduct(TestData.BRANCH);
            for (int seq = 1; seq <= 3; seq++) {
                Map<String, Object> sale = Sales.sale(back, seq, product[0], 1, product[1]);
                sale.put("created_at_device", restoredAt.minusSeconds(3600 - seq * 60L).toString());
                api.sync(token, Sales.batch(back, List.of(sale)));
            }
            syncLog.flush();

            for (String lang : List.of("en", "id")) {
                try (Browser browser = new Browser(api.base(), 1366, 900)) {
                    Page page = browser.newSession("id".equals(lang) ? "id-ID" : "en-US");
                    Browser.login(page, "admin", TestData.ADMIN_PASSWORD);
                    page.navigate("/");
                    Locator panel = page.locator("#recovery");
                    panel.scrollIntoViewIfNeeded();
                    // the grid is lazy: with the other tests' tills in the database these two may be further down
                    page.waitForCondition(() -> page.locator("#restore-tills vaadin-grid-cell-content").allInnerTexts().stream()
                            .anyMatch(t -> t.startsWith("Till ")));
                    String text = panel.innerText();
                    if ("en".equals(lang)) {
                        assertThat(text).contains("Last backup", "Verified", "Back up now", "After the restore",
                                "not seen since the restore").containsPattern("\\d+ of \\d+ tills not seen");
                    } else {
                        assertThat(text).contains("Cadangan terakhir", "Diverifikasi", "Cadangkan sekarang", "Setelah pemulihan",
                                "belum terlihat sejak pemulihan");
                    }
                    assertThat(text).doesNotContain("null", "{", "tillsync.recovery");
                    page.waitForTimeout(400);
                    panel.screenshot(new Locator.ScreenshotOptions().setPath(Path.of("docs/images/recovery-" + lang + "-desktop.png")));
                    if ("en".equals(lang)) {
                        page.setViewportSize(390, 844);
                        page.waitForTimeout(600);
                        assertThat(Browser.fitsWidth(page)).as("no sideways scrolling on a phone").isTrue();
                        panel.scrollIntoViewIfNeeded();
                        panel.screenshot(new Locator.ScreenshotOptions().setPath(Path.of("docs/images/recovery-en-phone.png")));
                    }
                }
            }
        } finally {
            jdbc.update("DELETE FROM server_restores WHERE backup_id = '20261203T023000Z'");
        }
    }
}
