package io.tillsync.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.reliability.SoakProcesses.AppNode;
import io.tillsync.support.TestData;
import io.tillsync.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A start as an operator sees it, in processes of their own: refused in plain words, served only once ready. */
class StartupTest {

    private final Path work = Path.of("target", "startup-test").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Map<String, String> env(String schema, String password) throws Exception {
        return Map.of("SPRING_DATASOURCE_URL", TestDatabase.freshSchema(schema), "SPRING_DATASOURCE_USERNAME", TestDatabase.user(),
                "SPRING_DATASOURCE_PASSWORD", TestDatabase.password(), "TILLSYNC_DEMO_DATA", "true",
                "TILLSYNC_ADMIN_PASSWORD", password);
    }

    @Test
    void an_admin_password_the_rules_refuse_ends_the_start_with_one_sentence_and_no_stack_trace() throws Exception {
        Files.createDirectories(work);
        Files.deleteIfExists(work.resolve("weak-password.log"));
        try (AppNode node = new AppNode("weak-password", work, env("tillsync_startup_weak", "short"), null)) {
            node.start();
            assertThat(node.process().waitFor(120, TimeUnit.SECONDS)).as("the start ends by itself").isTrue();
            assertThat(node.process().exitValue()).isNotZero();
        }
        String log = Files.readString(work.resolve("weak-password.log"));
        assertThat(log).contains("TILLSYNC_ADMIN_PASSWORD is not accepted as the password of 'admin': At least 12 characters.")
                .contains("Set TILLSYNC_ADMIN_PASSWORD to at least 12 characters");
        assertThat(log).doesNotContain("\tat io.tillsync").doesNotContain("\tat org.springframework");
    }

    @Test
    void while_it_starts_the_right_admin_password_is_never_refused_it_is_asked_to_wait() throws Exception {
        Files.createDirectories(work);
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + TestData.ADMIN_PASSWORD).getBytes());
        List<Integer> seen = new ArrayList<>();
        try (AppNode node = new AppNode("readiness", work, env("tillsync_startup_ready", TestData.ADMIN_PASSWORD), null)) {
            node.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline && node.process().isAlive()) {
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create(node.base() + "/actuator/prometheus"))
                            .header("Authorization", auth).timeout(Duration.ofSeconds(5)).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (seen.isEmpty() || seen.getLast() != status) {
                        seen.add(status);
                    }
                } catch (java.io.IOException e) {
                    Thread.sleep(5);
                }
            }
        }
        // from the first answer on: "starting" (503) until the admin user exists, then the list of devices
        assertThat(seen).as("statuses in the order seen").endsWith(200).doesNotContain(401, 403, 500);
        assertThat(seen).allMatch(s -> s == 503 || s == 200);
    }
}
