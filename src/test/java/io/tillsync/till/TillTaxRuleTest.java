package io.tillsync.till;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.tillsync.catalog.Branch;
import io.tillsync.support.TestBranch;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The till's tax arithmetic (frontend/till/money.js, run in the browser) against the server's
 * rule (Branch.taxFor) on the same amounts: on top of the prices and included in them, at
 * several rates, with the half-way cases. At 2 fraction digits both must agree to the cent;
 * for IDR the till then rounds the same way to whole rupiah.
 */
class TillTaxRuleTest extends TillIntegrationTest {

    @Test
    @SuppressWarnings("unchecked")
    void the_till_computes_tax_exactly_as_the_server_rule_does() {
        Random random = new Random(42);
        List<List<Object>> cases = new ArrayList<>();
        for (int rateBp : new int[] {1000, 1100, 1250, 0}) {
            for (boolean included : new boolean[] {false, true}) {
                for (int net : new int[] {0, 1, 5, 15, 45, 50, 95, 749500, 749400, 2876600, 3300000, 1_999_999_999}) {
                    cases.add(List.of(net, rateBp, included));
                }
                for (int i = 0; i < 200; i++) {
                    cases.add(List.of(random.nextInt(100_000_000), rateBp, included));
                }
            }
        }
        try (Chromium chromium = new Chromium()) {
            Page page = chromium.newPage();
            page.navigate(TillPage.url(port));
            List<Object> tillTax = (List<Object>) page.evaluate("""
                    async cases => {
                      const m = await import('./money.js');
                      return cases.map(([net, rateBp, included]) => m.taxFor(net, { rateBp, included, digits: 2 }));
                    }""", cases);
            for (int i = 0; i < cases.size(); i++) {
                int net = (Integer) cases.get(i).get(0);
                int rateBp = (Integer) cases.get(i).get(1);
                boolean included = (Boolean) cases.get(i).get(2);
                Branch branch = TestBranch.taxed(BigDecimal.valueOf(rateBp, 4)).code("X").pricesIncludeTax(included).build();
                BigDecimal server = branch.taxFor(BigDecimal.valueOf(net, 2));
                assertThat(((Number) tillTax.get(i)).longValue()).as("net %d cents at %d bp, included %s", net, rateBp, included)
                        .isEqualTo(server.movePointRight(2).longValueExact());
            }
        }
    }
}
