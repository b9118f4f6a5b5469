package io.tillsync.sales.booking;

import static io.tillsync.sales.booking.Docs.KOPI;
import static io.tillsync.sales.booking.Docs.TEH;
import static io.tillsync.sales.booking.Docs.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.catalog.Branch;
import io.tillsync.catalog.ProductInfo;
import io.tillsync.catalog.Stock;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.Reason;
import io.tillsync.support.TestBranch;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic and catalog rules a sale is checked against, without Spring or a database. */
class SaleRulesTest {

    private Branch branch = Docs.branch();

    private List<String> reasons(SaleDoc d) {
        return SaleRules.check(d, branch, Docs.products(), Docs.prices()).issues().stream().map(Issue::reason).toList();
    }

    @Test
    void a_sale_whose_lines_and_totals_add_up_at_the_branch_price_has_no_issue() {
        SaleRules.Checked c = SaleRules.check(Docs.sale(line(KOPI, "2", "15000")), branch, Docs.products(), Docs.prices());
        assertThat(c.issues()).isEmpty();
        assertThat(c.taxTotal()).isEqualByComparingTo("3000");
        assertThat(c.priceVariance()).isEqualByComparingTo("0");
        assertThat(c.serverPrices()).containsEntry(KOPI, new BigDecimal("15000"));
    }

    @Test
    void a_line_whose_subtotal_is_not_quantity_times_price_is_a_data_mismatch() {
        SaleLine wrong = new SaleLine(KOPI, new BigDecimal("2"), new BigDecimal("15000"), new BigDecimal("31000"));
        SaleDoc d = Docs.sale(List.of(wrong), new BigDecimal("31000"), BigDecimal.ZERO, new BigDecimal("3100"), new BigDecimal("34100"));
        assertThat(reasons(d)).containsExactly(Reason.LINE_SUBTOTAL_MISMATCH);
    }

    @Test
    void subtotal_and_grand_total_are_checked_against_the_lines_and_the_tax_rule() {
        SaleDoc badSubtotal = Docs.sale(List.of(line(KOPI, "1", "15000")), new BigDecimal("16000"), BigDecimal.ZERO, null,
                new BigDecimal("17600"));
        assertThat(reasons(badSubtotal)).containsExactly(Reason.SUBTOTAL_MISMATCH);
        SaleDoc badGrand = Docs.sale(List.of(line(KOPI, "1", "15000")), new BigDecimal("15000"), BigDecimal.ZERO, null,
                new BigDecimal("15000"));
        assertThat(reasons(badGrand)).containsExactly(Reason.GRAND_TOTAL_MISMATCH);
    }

    @Test
    void with_tax_included_in_prices_the_grand_total_is_the_net_amount() {
        branch = TestBranch.from(branch).pricesIncludeTax(true).build();
        SaleDoc d = Docs.sale(List.of(line(KOPI, "1", "15000")), new BigDecimal("15000"), BigDecimal.ZERO, null, new BigDecimal("15000"));
        SaleRules.Checked c = SaleRules.check(d, branch, Docs.products(), Docs.prices());
        assertThat(c.issues()).isEmpty();
        assertThat(c.taxTotal()).isEqualByComparingTo("1363.64");
    }

    @Test
    void a_price_changed_while_offline_records_what_the_customer_paid_above_the_server_price() {
        // the tea cost 8000 until noon and 9000 after; sold at 10:30 for 8500
        SaleDoc d = Docs.sale(line(TEH, "2", "8500"));
        SaleRules.Checked c = SaleRules.check(d, branch, Docs.products(), Docs.prices());
        assertThat(c.issues()).extracting(Issue::reason).containsExactly(Reason.PRICE_CHANGED);
        assertThat(c.issues().getFirst().type()).isEqualTo(ConflictType.DATA_MISMATCH);
        assertThat(c.priceVariance()).isEqualByComparingTo("1000");
        assertThat(c.serverVersion().subtotal()).isEqualByComparingTo("16000");
        assertThat(c.serverVersion().grandTotal()).isEqualByComparingTo("17600");
    }

    @Test
    void unknown_inactive_and_unpriced_products_are_constraint_violations() {
        assertThat(reasons(Docs.sale(line(99999, "1", "5000")))).containsExactly(Reason.UNKNOWN_PRODUCT);
        Map<Long, ProductInfo> products = new HashMap<>(Docs.products());
        products.put(KOPI, new ProductInfo(KOPI, 1, "KOPI", "Kopi Susu", "cup", false));
        assertThat(SaleRules.check(Docs.sale(line(KOPI, "1", "15000")), branch, products, Docs.prices()).issues())
                .extracting(Issue::reason).containsExactly(Reason.INACTIVE_PRODUCT);
        products.put(1240L, new ProductInfo(1240, 1, "ROTI", "Roti", "pc", true));
        assertThat(SaleRules.check(Docs.sale(line(1240, "1", "5000")), branch, products, Docs.prices()).issues())
                .extracting(Issue::reason).containsExactly(Reason.NO_PRICE);
    }

    @Test
    void a_product_of_another_merchant_is_unknown_to_the_branch() {
        Map<Long, ProductInfo> products = Map.of(KOPI, new ProductInfo(KOPI, 2, "KOPI", "Kopi", "cup", true));
        assertThat(SaleRules.check(Docs.sale(line(KOPI, "1", "15000")), branch, products, Docs.prices()).issues())
                .extracting(Issue::reason).containsExactly(Reason.UNKNOWN_PRODUCT);
    }

    @Test
    void a_discount_above_the_subtotal_is_refused() {
        SaleDoc d = Docs.sale(List.of(line(KOPI, "1", "15000")), new BigDecimal("15000"), new BigDecimal("20000"),
                BigDecimal.ZERO, new BigDecimal("-5000"));
        assertThat(reasons(d)).contains(Reason.DISCOUNT_EXCEEDS_SUBTOTAL);
    }

    @Test
    void quantities_add_up_lines_of_one_product_and_a_shortage_names_the_stock_checked() {
        SaleDoc d = Docs.sale(line(KOPI, "2", "15000"), line(TEH, "1", "8000"), line(KOPI, "1.5", "15000"));
        assertThat(SaleRules.quantities(d)).containsOnly(Map.entry(KOPI, new BigDecimal("3.5")), Map.entry(TEH, new BigDecimal("1")));
        Issue shortage = SaleRules.shortage(new Stock.Shortage(KOPI, new BigDecimal("1"), new BigDecimal("3.5")));
        assertThat(shortage.reason()).isEqualTo(Reason.INSUFFICIENT_STOCK);
        assertThat(shortage.serverState()).containsEntry("stock_on_hand", new BigDecimal("1")).containsEntry("product_id", KOPI);
        assertThat(shortage.message()).isEqualTo("product 1238: 1 on hand, 3.5 sold");
    }
}
