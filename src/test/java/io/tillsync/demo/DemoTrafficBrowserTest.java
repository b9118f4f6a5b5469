package io.tillsync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.tillsync.reliability.SoakProcesses;
import io.tillsync.support.Browser;
import io.tillsync.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The first five minutes of a newcomer: {@code --demo} on an empty embedded database, as the
 * README runs it. Within a minute of the application being ready the back-office shows tills
 * syncing, a conflict of each type waiting in Conflicts and sales in Transactions; then the
 * application stops on SIGTERM without a stack trace.
 */
@Tag("browser")
class DemoTrafficBrowserTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Test
    void demo_mode_on_an_empty_database_shows_a_shop_at_work_within_a_minute() throws Exception {
        Path work = Path.of("target", "demo-browser").toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        Path log = work.resolve("tillsync.log");
        int port = SoakProcesses.freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.tillsync.Application", "--demo", "--server.port=" + port, "--vaadin.productionMode=true"));
        // the working folder: from the project folder Liquibase would find the changelog twice
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("TILLSYNC_DATA_DIR", work.resolve("data").toString());
        pb.environment().put("TILLSYNC_ADMIN_PASSWORD", TestData.ADMIN_PASSWORD);
        pb.environment().remove("SPRING_DATASOURCE_URL");
        Process app = pb.start();
        try {
            awaitReady(app, port, log);
            long ready = System.nanoTime();
            try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
                Page page = browser.page;
                browser.login("admin", TestData.ADMIN_PASSWORD);
                page.locator("#dashboard-tiles").waitFor();

                // tills sync: some healthy or with conflicts, requests and sales counted in the last hour
                page.waitForCondition(() -> kpi(page, "tile-healthy") + kpi(page, "tile-conflicts") + kpi(page, "tile-gaps") >= 3
                        && kpi(page, "tile-requests") > 0 && kpi(page, "tile-sales") > 0, until(ready));

                page.navigate("/conflicts");
                Locator grid = page.locator("vaadin-grid");
                grid.waitFor();
                page.waitForCondition(() -> {
                    page.reload();
                    page.locator("vaadin-grid").waitFor();
                    page.waitForTimeout(1500);
                    String cells = String.join("\n", page.locator("vaadin-grid-cell-content").allInnerTexts());
                    return cells.contains("Duplicate") && cells.contains("Data mismatch") && cells.contains("Rule broken");
                }, until(ready));

                page.navigate("/transactions");
                page.locator("vaadin-grid").waitFor();
                page.waitForCondition(() -> page.locator("vaadin-grid-cell-content").allInnerTexts().stream()
                        .anyMatch(t -> t.startsWith("TRX-MC01-")), until(ready));
                System.out.printf("[demo] dashboard, conflicts of each type and transactions within %d s of ready%n",
                        Duration.ofNanos(System.nanoTime() - ready).toSeconds());

                // the README's picture: the dashboard after about a minute of traffic
                long left = Duration.ofSeconds(60).toNanos() - (System.nanoTime() - ready);
                if (left > 0) {
                    Thread.sleep(Duration.ofNanos(left));
                }
                page.navigate("/");
                page.locator("#dashboard-tiles").waitFor();
                page.waitForTimeout(1000);
                page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("docs/images/demo-dashboard.png")).setFullPage(true));
            }
        } finally {
            app.destroy();
            boolean stopped = app.waitFor(90, TimeUnit.SECONDS);
            if (!stopped) {
                app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(stopped).as("stopped on SIGTERM; see " + log).isTrue();
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("the demo's log, start to stop: " + log).noneMatch(l -> l.startsWith("\tat "))
                .noneMatch(l -> l.contains(" ERROR "))
                .anyMatch(l -> l.contains("Demo traffic: 6 tills selling"));
    }

    private static Page.WaitForConditionOptions until(long ready) {
        long left = WITHIN.toMillis() - Duration.ofNanos(System.nanoTime() - ready).toMillis();
        return new Page.WaitForConditionOptions().setTimeout(Math.max(left, 1));
    }

    private static long kpi(Page page, String tile) {
        String text = page.locator("#" + tile + " .kpi-value").innerText().replaceAll("[^0-9]", "");
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    private static void awaitReady(Process app, int port, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        SoakProcesses.await("Tillsync in demo mode", Duration.ofSeconds(240), () -> {
            if (!app.isAlive()) {
                throw new IllegalStateException("Tillsync exited with " + app.exitValue() + "; see " + log);
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
