package io.tillsync.support;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The system's Chromium driven by Playwright, headless. Playwright never downloads a browser here:
 * the tests use the distribution's /usr/bin/chromium (or TILLSYNC_CHROMIUM).
 */
public final class Browser implements AutoCloseable {

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    private final BrowserContext context;
    public final Page page;

    public Browser(String baseUrl) {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getenv().getOrDefault("TILLSYNC_CHROMIUM", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run")));
        // a tablet held landscape: the size the back-office is designed for
        context = browser.newContext(new NewContextOptions().setBaseURL(baseUrl).setViewportSize(1280, 800).setLocale("en-US"));
        context.setDefaultTimeout(30_000);
        // the development-mode badge would cover part of every screenshot
        context.addInitScript("document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style');"
                + " s.textContent = 'vaadin-dev-tools, copilot-main { display: none !important; }'; document.head.appendChild(s); });");
        page = context.newPage();
    }

    public void login(String username, String password) {
        page.navigate("/login");
        page.locator("input[name=username]").fill(username);
        page.locator("input[name=password]").fill(password);
        page.locator("vaadin-button[slot=submit], vaadin-login-form vaadin-button").first().click();
        page.waitForURL(url -> !url.contains("/login"));
    }

    @Override
    public void close() {
        context.close();
        browser.close();
        playwright.close();
    }
}
