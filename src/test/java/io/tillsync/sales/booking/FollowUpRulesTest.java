package io.tillsync.sales.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.sales.ConflictType;
import io.tillsync.sales.Reason;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Payments and voids against the sale they follow, as it stands after the items before them. */
class FollowUpRulesTest {

    private static final Instant AT = Instant.parse("2025-10-13T10:31:00Z");

    private static PaymentDoc payment(String method, String amount, String gateway) {
        return new PaymentDoc("p-1", "s-1", method, new BigDecimal(amount), AT, gateway);
    }

    private static Batch.KnownSale sale() {
        return new Batch.KnownSale(7, 10, new BigDecimal("33000"));
    }

    @Test
    void a_follow_up_of_a_sale_not_yet_known_is_a_constraint_the_policy_may_hold() {
        Issue issue = FollowUpRules.check(payment("CASH", "33000", null), null);
        assertThat(issue.reason()).isEqualTo(Reason.SALE_UNKNOWN);
        assertThat(issue.type()).isEqualTo(ConflictType.CONSTRAINT_VIOLATION);
    }

    @Test
    void split_tenders_may_add_up_to_the_grand_total_but_not_beyond() {
        Batch.KnownSale sale = sale();
        PaymentDoc first = payment("CASH", "20000", null);
        assertThat(FollowUpRules.check(first, sale)).isNull();
        FollowUpRules.apply(first, sale);
        assertThat(FollowUpRules.check(payment("CASH", "13000", null), sale)).isNull();
        Issue over = FollowUpRules.check(payment("CASH", "13001", null), sale);
        assertThat(over.reason()).isEqualTo(Reason.PAYMENT_EXCEEDS_TOTAL);
        assertThat(over.serverState()).containsEntry("remaining", new BigDecimal("13000"));
    }

    @Test
    void a_card_or_qr_payment_needs_its_gateway_reference() {
        assertThat(FollowUpRules.check(payment("QRIS", "1000", " "), sale()).reason()).isEqualTo(Reason.GATEWAY_REFERENCE_MISSING);
        assertThat(FollowUpRules.check(payment("QRIS", "1000", "QR-77"), sale())).isNull();
    }

    @Test
    void once_voided_a_sale_takes_no_payment_and_no_second_void() {
        Batch.KnownSale sale = sale();
        VoidDoc v = new VoidDoc("v-1", "s-1", "customer cancelled", AT, 5L);
        assertThat(FollowUpRules.check(v, sale)).isNull();
        FollowUpRules.apply(v, sale);
        assertThat(FollowUpRules.check(new VoidDoc("v-2", "s-1", "", AT, 5L), sale).reason()).isEqualTo(Reason.SALE_VOIDED);
        assertThat(FollowUpRules.check(payment("CASH", "1", null), sale).reason()).isEqualTo(Reason.SALE_VOIDED);
    }
}
