package io.tillsync.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.IntegrationTest;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The scheduled run: a backup, verified at once when the setting asks for it, and the promise the dashboard holds it to. */
@IntegrationTest
class BackupScheduleTest {

    @Autowired
    BackupSchedule schedule;
    @Autowired
    Backups backups;

    @Test
    void a_scheduled_run_takes_a_backup_and_verifies_it() {
        List<BackupManifest> before = Backups.listIn(backups.dir());

        schedule.run();

        List<BackupManifest> after = Backups.listIn(backups.dir());
        BackupManifest newest = after.getFirst();
        assertThat(before).extracting(BackupManifest::id).doesNotContain(newest.id());
        assertThat(newest.verified()).as(newest.verifyNote()).isTrue();
    }

    @Test
    void a_nightly_schedule_promises_a_backup_younger_than_36_hours_and_none_without_a_schedule() {
        ZonedDateTime now = ZonedDateTime.of(2026, 12, 3, 9, 0, 0, 0, ZoneId.of("Asia/Jakarta"));

        assertThat(new BackupSettings("b", "0 30 2 * * *", 7, true, "").promisedAge(now)).isEqualTo(Duration.ofHours(36));
        assertThat(new BackupSettings("b", "0 0 */6 * * *", 7, true, "").promisedAge(now)).isEqualTo(Duration.ofHours(9));
        assertThat(new BackupSettings("b", "-", 7, true, "").promisedAge(now)).isNull();
    }
}
