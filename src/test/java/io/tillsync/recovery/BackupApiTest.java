package io.tillsync.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Backups of the test database over the admin API: written whole, counted, verified, listed and pruned. */
@IntegrationTest
class BackupApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Backups backups;
    @Autowired
    Fixtures fixtures;

    @Test
    void a_backup_is_written_whole_with_its_rows_counted_and_a_verify_restores_it_row_for_row() throws Exception {
        ApiClient api = new ApiClient(port);
        long salesBefore = jdbc.queryForObject("SELECT COUNT(*) FROM transactions", Long.class);

        ApiClient.Response taken = api.post("/api/v1/admin/backups", ApiClient.adminAuth(), "");

        assertThat(taken.status()).as(taken.raw()).isEqualTo(201);
        JsonNode b = taken.data();
        String id = b.get("id").asString();
        long salesAfter = jdbc.queryForObject("SELECT COUNT(*) FROM transactions", Long.class);
        assertThat(b.get("tables").get("transactions").asLong()).isBetween(salesBefore, salesAfter);
        assertThat(b.get("tables").get("DATABASECHANGELOG").asLong()).isEqualTo(Restore.knownChangesets().size());
        assertThat(b.get("changesets")).hasSize(Restore.knownChangesets().size());
        Path folder = backups.dir().resolve("tillsync-" + id);
        assertThat(folder.resolve("dump.sql.gz")).exists().hasSize(b.get("size_bytes").asLong());
        assertThat(DumpWriter.sha256(folder.resolve("dump.sql.gz"))).isEqualTo(b.get("sha256").asString());
        try (var names = Files.list(backups.dir())) {
            assertThat(names.map(p -> p.getFileName().toString())).as("no partial backup left behind").noneMatch(n -> n.startsWith("."));
        }
        assertThat(api.get("/api/v1/admin/backups", ApiClient.adminAuth()).data().get("backups").get(0).get("id").asString()).isEqualTo(id);

        JsonNode verified = api.post("/api/v1/admin/backups/" + id + "/verify", ApiClient.adminAuth(), "").data();

        assertThat(verified.get("verified").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("verify_note").asString()).contains("all as counted");
        assertThat(jdbc.queryForList("SHOW DATABASES LIKE 'tillsync_verify'")).as("the scratch schema is dropped").isEmpty();
        assertThat(Backups.read(folder).orElseThrow().verified()).as("the result is kept in the manifest").isTrue();
    }

    @Test
    void a_changed_dump_fails_its_verify_and_a_half_written_backup_is_never_listed() throws Exception {
        BackupManifest real = fixtures.asAdmin(backups::take);
        Path dir = backups.dir();
        // a copy whose dump was changed after it was written
        BackupManifest copy = new BackupManifest("20000102T000000Z", "2000-01-02T00:00:00Z", real.format(), real.file(), real.sizeBytes(),
                real.sha256(), real.schema(), real.serverVersion(), real.tables(), real.changesets(), null, null, null);
        Path tampered = dir.resolve("tillsync-" + copy.id());
        Files.createDirectories(tampered);
        Files.copy(dir.resolve("tillsync-" + real.id()).resolve(real.file()), tampered.resolve(copy.file()));
        Files.write(tampered.resolve(copy.file()), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        Backups.writeManifest(tampered, copy);
        Path partial = dir.resolve(".partial-20300101T000000Z-abcdef12");
        Files.createDirectories(partial);
        Backups.writeManifest(partial, copy);

        BackupManifest checked = fixtures.asAdmin(() -> backups.verify(copy.id()));

        assertThat(checked.verified()).isFalse();
        assertThat(checked.verifyNote()).contains("SHA-256");
        assertThat(fixtures.asAdmin(backups::list)).extracting(BackupManifest::id).contains(copy.id(), real.id())
                .doesNotContain("20300101T000000Z").first().isNotEqualTo(copy.id());
        ApiClient api = new ApiClient(port);
        ApiClient.Response unknown = api.post("/api/v1/admin/backups/19990101T000000Z/verify", ApiClient.adminAuth(), "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("error").get("field").asString()).isEqualTo("id");

        // kept days: the old copy goes, the newest stays
        backups.prune();

        assertThat(tampered).doesNotExist();
        assertThat(dir.resolve("tillsync-" + real.id())).exists();
        Backups.deleteRecursively(partial);
    }

    @Test
    void only_an_admin_may_back_up() {
        ApiClient api = new ApiClient(port);
        String manager = fixtures.manager(io.tillsync.support.TestData.BRANCH);

        ApiClient.Response refused = api.post("/api/v1/admin/backups", ApiClient.basic(manager, Fixtures.MANAGER_PASSWORD), "");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/backups", null, "").status()).isEqualTo(401);
    }
}
