package io.tillsync.sales.bench;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.tillsync.support.Browser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Back-office sessions in real Chromium tabs, driven from a JVM of its own so that Playwright's
 * bookkeeping of every request stays out of the heap being measured. Each tab signs in, lands on
 * the dashboard, moves to the transactions view through the menu and scrolls to row {@code rows};
 * the tabs stay open until the parent says so.
 *
 * <p>Talks over standard streams: prints {@code warm} after one warm-up tab, opens the others on
 * the next input line, prints {@code open}, and closes everything on the line after that.
 */
final class BrowserSessions {

    private BrowserSessions() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int sessions = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        long newestSale = Long.parseLong(args[3]);
        String password = args[4];
        BufferedReader parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Browser browser = new Browser(base)) {
            openAndScroll(browser.page, password, rows, newestSale);
            System.out.println("warm");
            parent.readLine();
            for (int i = 0; i < sessions; i++) {
                openAndScroll(browser.newSession(), password, rows, newestSale);
            }
            System.out.println("open");
            parent.readLine();
        }
    }

    private static void openAndScroll(Page page, String password, int rows, long newestSale) {
        Browser.login(page, "admin", password);
        page.locator("#dashboard-tiles").waitFor();
        page.locator("vaadin-side-nav-item").filter(new Locator.FilterOptions().setHasText("Transactions")).click();
        page.waitForURL("**/transactions");
        page.locator("vaadin-grid").waitFor();
        // newest first: row n of the list is the sale numbered newestSale - n
        String target = "TRX-BENCH-" + (newestSale - rows);
        int at = 0;
        for (int step = 0; step < 100; step++) {
            at = Math.min(rows, at + 50);
            page.evaluate("i => document.querySelector('vaadin-grid').scrollToIndex(i)", at);
            page.waitForFunction("() => !document.querySelector('vaadin-grid').loading");
            boolean shown = (Boolean) page.evaluate("code => [...document.querySelectorAll('vaadin-grid-cell-content')]"
                    + ".some(c => (c.querySelector('.cell-top') || c).textContent === code)", target);
            if (shown) {
                return;
            }
            if (at == rows) {
                // the grid learns its length while scrolling: the last step may need another nudge
                page.waitForTimeout(200);
            }
        }
        throw new IllegalStateException("the grid never showed row " + rows);
    }
}
