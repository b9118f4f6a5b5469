package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The till as a cashier (and a test) sees it. */
final class TillPage {

    final Page page;

    TillPage(Page page) {
        this.page = page;
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type()) || "warning".equals(m.type())) {
                System.out.println("[till console " + m.type() + "] " + m.text());
            }
        });
        page.onPageError(e -> System.out.println("[till page error] " + e));
    }

    /** Where the server listening on {@code port} serves the till. */
    static String url(int port) {
        return "http://127.0.0.1:" + port + "/till/";
    }

    static TillPage open(Page page, String url) {
        TillPage till = new TillPage(page);
        page.navigate(url);
        till.awaitReady();
        return till;
    }

    void awaitReady() {
        page.waitForFunction("() => window.till && window.till.ready");
        page.evaluate("() => window.till.ready");
    }

    void reload() {
        page.reload();
        awaitReady();
    }

    /**
     * Sets the till up with the device's id and token (the scripted set-up) and waits for the
     * catalog; the branch comes from the server, and must be the device's.
     */
    void enroll(TillDevice device) {
        if (page.locator("#enroll-form").isHidden()) {
            page.locator("#use-token").click();
        }
        page.locator("#enroll-device").fill(device.id());
        page.locator("#enroll-token").fill(device.token());
        page.locator("#enroll-save").click();
        page.locator("#till").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        page.locator(".product").first().waitFor();
        assertThat(page.evaluate("() => window.till.device().branch_code")).isEqualTo(device.branch());
    }

    /** Types a pairing code on the first screen and presses Pair; returns what the till says when it did not pair. */
    String pair(String code) {
        page.locator("#pair-code").fill(code);
        page.evaluate("() => { document.querySelector('#pair-msg').textContent = ''; }");
        page.locator("#pair-save").click();
        page.waitForFunction("() => !document.querySelector('#till').hidden || "
                + "(document.querySelector('#pair-msg').textContent.length > 0 && !document.querySelector('#pair-save').disabled)");
        if (!page.locator("#till").isHidden()) {
            page.locator(".product").first().waitFor();
            return null;
        }
        return page.locator("#pair-msg").textContent();
    }

    /** The service worker controls the page: from now on the till opens without a network. */
    void awaitOfflineReady() {
        page.waitForFunction("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null");
        page.evaluate("() => navigator.serviceWorker.ready");
    }

    /** Sells through the screen: taps each product quantity times, then Charge; returns the reference. */
    String sellByHand(Map<Long, Integer> lines, String tendered) {
        return sellByHand(lines, tendered, null, false);
    }

    /** As above, with a discount as typed ("5000", "10%") and the pay-later box. */
    String sellByHand(Map<Long, Integer> lines, String tendered, String discount, boolean payLater) {
        lines.forEach((product, qty) -> {
            for (int i = 0; i < qty; i++) {
                page.locator(".product[data-id='" + product + "']").click();
            }
        });
        if (discount != null) {
            page.locator("#discount").fill(discount);
        }
        if (payLater) {
            page.locator("#pay-later").check();
        } else if (tendered != null) {
            page.locator("#tendered").fill(tendered);
        }
        String before = page.locator("#sale-msg").textContent();
        page.locator("#charge").click();
        page.waitForFunction("before => { const t = document.querySelector('#sale-msg').textContent; return t !== before && t.length > 0; }", before);
        String msg = page.locator("#sale-msg").textContent();
        assertThat(msg).startsWith("Recorded ");
        return msg.substring("Recorded ".length());
    }

    /** Taps each product quantity times and presses Charge; returns what the till says, recorded or not. */
    String charge(Map<Long, Integer> lines) {
        lines.forEach((product, qty) -> {
            for (int i = 0; i < qty; i++) {
                page.locator(".product[data-id='" + product + "']").click();
            }
        });
        return pressCharge();
    }

    /** Presses Charge for the basket as it is; returns the till's answer. */
    String pressCharge() {
        page.evaluate("() => { document.querySelector('#sale-msg').textContent = ''; }");
        page.locator("#charge").click();
        page.waitForFunction("() => document.querySelector('#sale-msg').textContent.length > 0");
        return page.locator("#sale-msg").textContent();
    }

    /** Taps a button of a sale in the recent-sales list (Void, Settle cash), answering its question if it asks one. */
    void onRecentSale(String reference, String buttonClass, String answer) {
        if (answer != null) {
            page.onceDialog(d -> d.accept(answer));
        }
        String before = page.locator("#sale-msg").textContent();
        page.locator("#recent li[data-reference='" + reference + "'] button." + buttonClass).click();
        page.waitForFunction("before => document.querySelector('#sale-msg').textContent !== before", before);
        assertThat(page.locator("#sale-msg").textContent()).startsWith("Saved");
    }

    /** Sells through the page's own API (what the Charge button calls); returns {offline_reference, ms}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> sell(long product, int quantity) {
        return (Map<String, Object>) page.evaluate("([p, q]) => window.till.sell([{product_id: p, quantity: q}])", List.of((int) product, quantity));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> status() {
        return (Map<String, Object>) page.evaluate("() => window.till.status()");
    }

    int waiting() {
        return ((Number) status().get("waiting")).intValue();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sales() {
        return (List<Map<String, Object>>) page.evaluate("() => window.till.sales()");
    }

    void syncNow() {
        page.evaluate("() => window.till.syncNow()");
    }

    /** Waits until the outbox is empty, nudging the sender now and then. */
    void awaitOutboxEmpty(Duration timeout) {
        awaitCondition(timeout, () -> waiting() == 0, () -> "outbox still holds " + status());
    }

    void awaitCondition(Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> describe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int round = 0;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + describe.get());
            }
            if (++round % 10 == 0) {
                syncNow();
            }
            page.waitForTimeout(250);
        }
    }
}
