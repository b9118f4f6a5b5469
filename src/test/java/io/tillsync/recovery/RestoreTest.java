package io.tillsync.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.reliability.SoakProcesses;
import io.tillsync.reliability.SoakProcesses.AppNode;
import io.tillsync.support.ApiClient;
import io.tillsync.support.TestData;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The disaster: Tillsync on its embedded MariaDB sells, is backed up, sells more (stock running out
 * in a branch that forbids it, a sale made offline before the backup and sent after), then the
 * process dies and its database folder is deleted. The restore command brings back the backup; the
 * tills see the new epoch and resend what they hold: afterwards the database holds exactly what it
 * held before the loss, each sale once, stock to the unit, and the admin API lists who refilled.
 */
class RestoreTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void a_destroyed_database_comes_back_from_its_backup_and_the_tills_journals() throws Exception {
        Path work = Path.of("target", "restore-test").toAbsolutePath();
        Backups.deleteRecursively(work);
        Files.createDirectories(work);
        Path data = work.resolve("embedded");
        Path backupDir = work.resolve("backups");
        int dbPort = SoakProcesses.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TILLSYNC_DATA_DIR", data.toString());
        env.put("TILLSYNC_EMBEDDED_DB_PORT", Integer.toString(dbPort));
        env.put("TILLSYNC_ADMIN_PASSWORD", TestData.ADMIN_PASSWORD);
        env.put("TILLSYNC_BACKUP_DIR", backupDir.toString());
        env.put("TILLSYNC_BACKUP_CRON", "-");
        String jdbc = "jdbc:mariadb://127.0.0.1:" + dbPort + "/tillsync";

        List<JournalTill> tills = new ArrayList<>();
        Map<String, Object> before;
        long lowProduct;
        AppNode first = new AppNode("before-loss", work, env, null);
        try (first) {
            first.start();
            first.awaitReady(http);
            ApiClient api = new ApiClient(first.port);
            tills.add(new JournalTill("DR-A", api.enroll("DR-A", TestData.BRANCH), api));
            tills.add(new JournalTill("DR-B", api.enroll("DR-B", TestData.BRANCH), api));
            tills.add(new JournalTill("DR-C", api.enroll("DR-C", TestData.OTHER_BRANCH), api));
            List<long[]> products;
            try (Connection c = DriverManager.getConnection(jdbc, "root", "")) {
                products = Db.products(c, TestData.BRANCH, 3);
                List<long[]> other = Db.products(c, TestData.OTHER_BRANCH, 1);
                lowProduct = other.getFirst()[0];
                // the second branch forbids negative stock: 12 on hand, 20 sold, so it runs out after the backup
                Db.setStock(c, TestData.OTHER_BRANCH, lowProduct, 12);
                products = new ArrayList<>(products);
                products.add(other.getFirst());
            }
            for (JournalTill t : tills) {
                t.pull();
            }
            for (int round = 0; round < 2; round++) {
                sellRound(tills, products);
            }
            ApiClient.Response backup = api.post("/api/v1/admin/backups", ApiClient.adminAuth(), "");
            assertThat(backup.status()).as(backup.raw()).isEqualTo(201);
            String backupId = backup.data().get("id").asString();
            ApiClient.Response verified = api.post("/api/v1/admin/backups/" + backupId + "/verify", ApiClient.adminAuth(), "");
            assertThat(verified.data().get("verified").asBoolean()).as(verified.raw()).isTrue();
            // a sale made before the backup but sent after it: resent by when it was acknowledged, not when it was made
            tills.get(2).sell(List.of(products.getLast()), Instant.parse(backup.data().get("taken_at").asString()).minusSeconds(120));
            for (int round = 0; round < 2; round++) {
                sellRound(tills, products);
            }
            try (Connection c = DriverManager.getConnection(jdbc, "root", "")) {
                before = Db.state(c);
            }
            first.kill();
        }
        assertThat((Long) before.get("offline_conflicts")).as("sales refused for the stock the second branch lacks").isPositive();

        // the disaster: the server and its database are gone, only the backup folder survives
        awaitDatabaseGone(data);
        Backups.deleteRecursively(data);

        AppNode planOnly = new AppNode("restore-plan", work, with(env, "TILLSYNC_RESTORE_BACKUP", "latest"), null);
        try (planOnly) {
            planOnly.start();
            assertThat(planOnly.process().waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(planOnly.process().exitValue()).isNotZero();
        }
        awaitDatabaseGone(data);
        String plan = Files.readString(work.resolve("restore-plan.log"));
        assertThat(plan).contains("Restore plan", "nothing was changed", "--yes", "now 0 tables and 0 sales");

        Map<String, String> restoring = with(with(env, "TILLSYNC_RESTORE_BACKUP", "latest"), "TILLSYNC_RESTORE_CONFIRMED", "true");
        AppNode second = new AppNode("restored", work, restoring, null);
        try (second) {
            second.start();
            second.awaitReady(http);
            assertThat(Files.readString(work.resolve("restored.log"))).contains("Restored backup", "New server epoch");
            ApiClient api = new ApiClient(second.port);
            Map<String, Object> restored;
            try (Connection c = DriverManager.getConnection(jdbc, "root", "")) {
                restored = Db.state(c);
            }
            assertThat((Long) restored.get("transactions")).as("the backup holds only what was sold before it")
                    .isLessThan((Long) before.get("transactions"));
            JsonNode waiting = api.get("/api/v1/admin/restores/latest", ApiClient.adminAuth()).data();
            assertThat(waiting.get("tills")).allMatch(t -> !t.get("seen_since_restore").asBoolean());

            int resent = 0;
            List<JournalTill> back = new ArrayList<>();
            for (JournalTill t : tills) {
                JournalTill moved = t.on(api);
                resent += moved.pull();
                assertThat(moved.pull()).as("a second pull on the same epoch resends nothing").isZero();
                back.add(moved);
            }
            assertThat(resent).isGreaterThan(0);
            Map<String, Object> after;
            try (Connection c = DriverManager.getConnection(jdbc, "root", "")) {
                after = Db.state(c);
                for (JournalTill t : tills) {
                    for (JournalTill.Kept k : t.journal) {
                        assertThat(Db.copies(c, k.offlineId())).as("sales and conflicts held for " + k.offlineId())
                                .isIn(List.of(1L, 0L), List.of(0L, 1L), List.of(1L, 1L));
                    }
                }
            }
            assertThat(after).as("the refilled database holds what it held before the loss").isEqualTo(before);
            assertThat(back.stream().mapToInt(t -> t.replays).sum()).as("what the backup held was answered as replays").isPositive();

            // device health is written in the background, half a second behind
            SoakProcesses.await("the tills seen since the restore", Duration.ofSeconds(20), () -> {
                JsonNode listed = api.get("/api/v1/admin/restores/latest", ApiClient.adminAuth()).data().get("tills");
                int seen = 0;
                for (JsonNode t : listed) {
                    seen += t.get("device_id").asString().startsWith("DR-") && t.get("seen_since_restore").asBoolean() ? 1 : 0;
                }
                return seen == tills.size();
            });
            JsonNode refilled = api.get("/api/v1/admin/restores/latest", ApiClient.adminAuth()).data();
            assertThat(refilled.get("backup_id").asString()).isNotBlank();
            long sum = 0;
            for (JsonNode t : refilled.get("tills")) {
                if (t.get("device_id").asString().startsWith("DR-")) {
                    assertThat(t.get("seen_since_restore").asBoolean()).as(t.toString()).isTrue();
                    assertThat(t.get("refilled_sales").asLong()).as(t.toString()).isPositive();
                    sum += t.get("refilled_sales").asLong();
                }
            }
            assertThat(sum).as("sales the tills refilled").isEqualTo((Long) before.get("transactions") - (Long) restored.get("transactions"));
        }
    }

    private static void sellRound(List<JournalTill> tills, List<long[]> products) {
        for (JournalTill t : tills) {
            boolean other = t.deviceId.equals("DR-C");
            List<long[]> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(other ? products.getLast() : products.get(i % (products.size() - 1)));
            }
            t.sell(batch, Instant.now());
        }
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put(key, value);
        return copy;
    }

    /** The watchdog stops the embedded server once its JVM is gone; the folder is deleted only after. */
    private static void awaitDatabaseGone(Path data) throws Exception {
        Path pid = data.resolve("mariadbd.pid");
        if (!Files.exists(pid)) {
            return;
        }
        ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(p -> {
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }
}
