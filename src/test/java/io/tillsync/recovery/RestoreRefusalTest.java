package io.tillsync.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillsync.base.StartRefused;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a restore refuses before it touches any database (the server named here does not even exist). */
class RestoreRefusalTest {

    @TempDir
    Path dir;

    private final DatabaseTarget nowhere = new DatabaseTarget("127.0.0.1", 1, "root", "", "tillsync", null);

    private BackupManifest backup(String id, List<String> changesets) throws Exception {
        BackupManifest b = new BackupManifest(id, "2026-12-01T02:30:00Z", "mariadb-dump", "dump.sql.gz", 10, "00", "tillsync", "11.4.5",
                Map.of("transactions", 3L), changesets, null, null, null);
        Path folder = dir.resolve("tillsync-" + id);
        Files.createDirectories(folder);
        Files.write(folder.resolve("dump.sql.gz"), new byte[10]);
        Backups.writeManifest(folder, b);
        return b;
    }

    @Test
    void a_backup_from_a_newer_schema_is_refused_naming_the_changesets_this_version_lacks() throws Exception {
        List<String> newer = new ArrayList<>(Restore.knownChangesets());
        newer.add("0099-from-the-future");
        backup("20261201T023000Z", newer);

        assertThatThrownBy(() -> new Restore(dir, nowhere).run(new RestoreSettings("latest", true, null)))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("newer Tillsync").hasMessageContaining("0099-from-the-future").hasMessageContaining("Nothing was changed");
    }

    @Test
    void an_unknown_backup_id_is_refused_listing_the_ones_there_are() throws Exception {
        backup("20261201T023000Z", Restore.knownChangesets());

        assertThatThrownBy(() -> new Restore(dir, nowhere).run(new RestoreSettings("20250101T000000Z", true, null)))
                .isInstanceOf(StartRefused.class)
                .satisfies(e -> assertThat(((StartRefused) e).action()).contains("20261201T023000Z"));
    }

    @Test
    void a_database_restored_by_other_means_gets_only_a_new_epoch_from_the_instant_given() {
        assertThat(Restore.restoredElsewhere("2026-12-03T02:30:00Z").backup().takenAt()).isEqualTo("2026-12-03T02:30:00Z");
        assertThatThrownBy(() -> Restore.restoredElsewhere("last night")).isInstanceOf(StartRefused.class).hasMessageContaining("last night");
    }

    @Test
    void this_versions_changesets_are_read_from_its_changelog_in_order() {
        assertThat(Restore.knownChangesets()).startsWith("0001-catalog").contains("0012-server-epoch", "0013-server-restores");
    }
}
