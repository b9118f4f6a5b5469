package io.tillsync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.TestBranch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A branch's tax rule and its dated prices, without a database. */
class BranchTaxTest {

    private static Branch branch(String rate, boolean included) {
        return TestBranch.taxed(rate).code("B").pricesIncludeTax(included).build();
    }

    @Test
    void tax_on_top_is_the_rate_of_the_net_and_the_grand_total_adds_it() {
        Branch b = branch("0.10", false);
        assertThat(b.taxFor(new BigDecimal("30000"))).isEqualByComparingTo("3000");
        assertThat(b.taxFor(new BigDecimal("333.33"))).isEqualByComparingTo("33.33");
        assertThat(b.grandTotalFor(new BigDecimal("30000"), new BigDecimal("3000"))).isEqualByComparingTo("33000");
    }

    @Test
    void tax_included_is_taken_out_of_the_net_and_the_grand_total_is_the_net() {
        Branch b = branch("0.11", true);
        assertThat(b.taxFor(new BigDecimal("11100"))).isEqualByComparingTo("1100");
        assertThat(b.grandTotalFor(new BigDecimal("11100"), new BigDecimal("1100"))).isEqualByComparingTo("11100");
    }

    @Test
    void the_price_of_a_moment_is_the_newest_one_valid_by_then() {
        PriceBook prices = PriceBook.of(List.of(
                new PriceBook.Price(1, new BigDecimal("15000"), Instant.parse("2025-01-01T00:00:00Z")),
                new PriceBook.Price(1, new BigDecimal("16500"), Instant.parse("2025-10-13T12:00:00Z"))));
        assertThat(prices.priceAt(1, Instant.parse("2025-10-13T11:59:59Z"))).contains(new BigDecimal("15000"));
        assertThat(prices.priceAt(1, Instant.parse("2025-10-13T12:00:00Z"))).contains(new BigDecimal("16500"));
        assertThat(prices.priceAt(1, Instant.parse("2024-12-31T00:00:00Z"))).isEmpty();
        assertThat(prices.priceAt(2, Instant.parse("2025-10-13T12:00:00Z"))).isEmpty();
    }
}
