package io.tillsync.support;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The system's Chromium driven by Playwright, headless. Playwright never downloads a browser here:
 * the tests use the distribution's /usr/bin/chromium (or TILLSYNC_CHROMIUM).
 */
public final class Browser implements AutoCloseable {

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    private final String baseUrl;
    private final int width;
    private final int height;
    private final List<BrowserContext> contexts = new ArrayList<>();
    public final Page page;

    /** A tablet held landscape: the size the back-office is designed for. */
    public Browser(String baseUrl) {
        this(baseUrl, 1280, 800);
    }

    public Browser(String baseUrl, int width, int height) {
        this.baseUrl = baseUrl;
        this.width = width;
        this.height = height;
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getenv().getOrDefault("TILLSYNC_CHROMIUM", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run")));
        page = newSession();
    }

    /** A page in a fresh browser context: its own cookies, so its own server session. */
    public Page newSession() {
        return newSession("en-US");
    }

    /** A fresh session whose browser asks for this language (e.g. "id-ID"), as a manager's browser would. */
    public Page newSession(String locale) {
        BrowserContext context = browser.newContext(new NewContextOptions().setBaseURL(baseUrl).setViewportSize(width, height)
                .setLocale(locale));
        context.setDefaultTimeout(30_000);
        contexts.add(context);
        return context.newPage();
    }

    public void login(String username, String password) {
        login(page, username, password);
    }

    public static void login(Page page, String username, String password) {
        page.navigate("/login");
        page.locator("input[name=username]").fill(username);
        page.locator("input[name=password]").fill(password);
        page.locator("vaadin-button[slot=submit], vaadin-login-form vaadin-button").first().click();
        page.waitForURL(url -> !url.contains("/login"));
    }

    /**
     * True when the page runs on the production bundle: scripts from the built bundle, no
     * development-mode flag, no development tools. A page from the Vite dev server fails all three.
     */
    public static boolean servedFromProductionBundle(Page page) {
        return (Boolean) page.evaluate("() => [...document.scripts].some(s => s.src.includes('/VAADIN/build/'))"
                + " && !(window.Vaadin && window.Vaadin.developmentMode) && !document.querySelector('vaadin-dev-tools')");
    }

    /**
     * True when nothing on the page can be scrolled sideways: neither the document nor the app
     * layout's content area, which scrolls on its own and so hides a too-wide view from the
     * document. Grids and the JSON diff may still scroll inside their own frames.
     */
    public static boolean fitsWidth(Page page) {
        return (Boolean) page.evaluate("""
                () => {
                  const fits = el => !el || el.scrollWidth <= el.clientWidth + 1;
                  const layout = document.querySelector('vaadin-app-layout');
                  const content = layout && layout.shadowRoot && layout.shadowRoot.querySelector('[part~="content"]');
                  return !!content && document.documentElement.scrollWidth <= window.innerWidth && fits(document.body) && fits(content);
                }""");
    }

    /** Where a grid's last column ends against the right edge of what the grid shows, in CSS pixels. */
    public record GridEdge(double lastColumnRight, double visibleRight, int scrollWidth, int clientWidth, String lastHeader) {

        /** The last column's right edge is inside the grid's frame and nothing is left to scroll to sideways. */
        public boolean lastColumnInView() {
            return lastColumnRight <= visibleRight + 1 && scrollWidth <= clientWidth + 1;
        }
    }

    /** The grid's header cells as drawn: the one furthest right is the last column the grid shows. */
    public static GridEdge gridEdge(Page page, String gridSelector) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) page.evaluate("""
                sel => {
                  const grid = document.querySelector(sel);
                  const table = grid.shadowRoot.querySelector('#table');
                  const cells = [...grid.shadowRoot.querySelectorAll('#header th')].filter(th => !th.hidden && th.offsetWidth > 0);
                  const last = cells.reduce((a, b) => b.getBoundingClientRect().right > a.getBoundingClientRect().right ? b : a);
                  const slot = last.querySelector('slot');
                  const content = slot && slot.assignedElements()[0];
                  return {lastRight: last.getBoundingClientRect().right, visibleRight: table.getBoundingClientRect().left + table.clientWidth,
                          scrollWidth: table.scrollWidth, clientWidth: table.clientWidth, header: content ? content.innerText : ''};
                }""", gridSelector);
        return new GridEdge(((Number) m.get("lastRight")).doubleValue(), ((Number) m.get("visibleRight")).doubleValue(),
                ((Number) m.get("scrollWidth")).intValue(), ((Number) m.get("clientWidth")).intValue(), (String) m.get("header"));
    }

    @Override
    public void close() {
        contexts.forEach(BrowserContext::close);
        browser.close();
        playwright.close();
    }
}
