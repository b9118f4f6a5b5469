package io.tillsync.till;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, for a test of the browser till; never a downloaded
 * browser. TILLSYNC_CHROMIUM names another executable. It sets a till up as a shop does: opened
 * in a browser of its own, the enrolled device's id and token typed in. Closing it closes every
 * browser it launched.
 */
final class Chromium implements AutoCloseable {

    static final Path EXECUTABLE = Paths.get(System.getenv().getOrDefault("TILLSYNC_CHROMIUM", "/usr/bin/chromium"));
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run");

    private final Playwright playwright;
    private Browser browser;

    Chromium() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** The browser, launched on first use. */
    Browser browser() {
        if (browser == null) {
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS));
        }
        return browser;
    }

    /** A page in a context of its own: its storage shared with no other till. */
    Page newPage() {
        return browser().newContext().newPage();
    }

    /** A till opened at {@code url} in a context of its own and set up with the device. */
    TillPage till(String url, TillDevice device) {
        TillPage till = TillPage.open(newPage(), url);
        till.enroll(device);
        return till;
    }

    /** A browser with a profile on disk: closing and launching it again is a browser restart. */
    BrowserContext launchPersistent(Path userDataDir) {
        return playwright.chromium().launchPersistentContext(userDataDir, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS));
    }

    /** The window a browser with a profile opens with. */
    static Page firstPage(BrowserContext persistent) {
        return persistent.pages().isEmpty() ? persistent.newPage() : persistent.pages().getFirst();
    }

    @Override
    public void close() {
        playwright.close();
    }
}
