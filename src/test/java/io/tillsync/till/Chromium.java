package io.tillsync.till;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright; never a downloaded browser. TILLSYNC_CHROMIUM names
 * another executable.
 */
final class Chromium implements AutoCloseable {

    static final Path EXECUTABLE = Paths.get(System.getenv().getOrDefault("TILLSYNC_CHROMIUM", "/usr/bin/chromium"));
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run");

    final Playwright playwright;

    Chromium() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    Browser launch() {
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS));
    }

    /** A browser with a profile on disk: closing and launching it again is a browser restart. */
    BrowserContext launchPersistent(Path userDataDir) {
        return playwright.chromium().launchPersistentContext(userDataDir, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS));
    }

    @Override
    public void close() {
        playwright.close();
    }
}
