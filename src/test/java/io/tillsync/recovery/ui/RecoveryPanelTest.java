package io.tillsync.recovery.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import io.tillsync.base.Db;
import io.tillsync.backoffice.Translations;
import io.tillsync.devices.SyncLog;
import io.tillsync.recovery.Backups;
import io.tillsync.recovery.RecoveryStatus;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import io.tillsync.support.UiTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RecoveryPanelTest extends UiTest {

    @Autowired
    Backups backups;
    @Autowired
    SyncLog syncLog;

    private static String text(String id) {
        return _get(Div.class, s -> s.withId(id)).getElement().getTextRecursively();
    }

    @Test
    void the_admin_sees_the_newest_backup_with_its_age_size_and_whether_it_was_verified() {
        String id = fixtures.asAdmin(backups::take).id();
        loginAdmin();

        UI.getCurrent().navigate("");

        assertThat(text("backup-status")).startsWith("Last backup 0 min ago").contains("B ·", "sales", "Not verified yet");
        assertThat(text("recovery")).contains("Back up now", "the live database is not touched");

        fixtures.asAdmin(() -> backups.verify(id));
        UI.getCurrent().setLocale(Translations.INDONESIAN);
        UI.getCurrent().navigate("devices");
        UI.getCurrent().navigate("");

        assertThat(text("backup-status")).startsWith("Cadangan terakhir 0 mnt lalu").contains("Diverifikasi");
    }

    @Test
    void a_manager_sees_no_backups() {
        login(fixtures.manager(TestData.BRANCH), "MANAGER");

        UI.getCurrent().navigate("");

        assertThat(_find(Div.class, s -> s.withId("recovery"))).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void after_a_restore_the_admin_sees_which_tills_came_back_and_what_they_refilled_those_not_seen_first() {
        ApiClient api = new ApiClient(port);
        String back = "RP-" + UUID.randomUUID().toString().substring(0, 6);
        String away = "RP-" + UUID.randomUUID().toString().substring(0, 6);
        String token = api.enroll(back, TestData.BRANCH);
        api.enroll(away, TestData.BRANCH);
        Instant restoredAt = Instant.now().minusSeconds(30);
        jdbc.update("INSERT INTO server_restores (restored_at, backup_id, backup_taken_at, epoch) VALUES (?, 'RP-TEST', ?, ?)",
                Db.ts(restoredAt), Db.ts(restoredAt.minusSeconds(3600)), UUID.randomUUID().toString());
        try {
            // one sale made before the restore, sent after it
            long[] product = fixtures.pricedProduct(TestData.BRANCH);
            Map<String, Object> sale = Sales.sale(back, 1, product[0], 1, product[1]);
            sale.put("created_at_device", restoredAt.minusSeconds(600).toString());
            assertThat(api.sync(token, Sales.batch(back, List.of(sale))).status()).isEqualTo(200);
            syncLog.flush();
            loginAdmin();

            UI.getCurrent().navigate("");

            assertThat(text("restore-status")).contains("After the restore", "RP-TEST", "not seen since the restore");
            Grid<RecoveryStatus.TillRefill> grid = _get(Grid.class, s -> s.withId("restore-tills"));
            List<RecoveryStatus.TillRefill> rows = grid.getGenericDataView().getItems().toList();
            RecoveryStatus.TillRefill came = rows.stream().filter(t -> t.deviceId().equals(back)).findFirst().orElseThrow();
            RecoveryStatus.TillRefill missing = rows.stream().filter(t -> t.deviceId().equals(away)).findFirst().orElseThrow();
            assertThat(came.seenSince()).isTrue();
            assertThat(came.refilledSales()).isEqualTo(1);
            assertThat(missing.seenSince()).isFalse();
            assertThat(rows.indexOf(missing)).as("not seen first").isLessThan(rows.indexOf(came));
        } finally {
            jdbc.update("DELETE FROM server_restores WHERE backup_id = 'RP-TEST'");
        }
    }
}
