package io.tillsync.sales.booking;

import io.tillsync.sales.ConflictType;
import io.tillsync.sales.Reason;
import java.math.BigDecimal;

/** The rules a payment or a void is checked against: the sale it follows, as it stands now. */
final class FollowUpRules {

    private FollowUpRules() {
    }

    /** The rule the item breaks against its sale, or null when it can be booked. */
    static Issue check(FollowUp item, Batch.KnownSale sale) {
        if (sale == null) {
            return new Issue(ConflictType.CONSTRAINT_VIOLATION, Reason.SALE_UNKNOWN,
                    "transaction_offline_id: the server does not know this sale (yet)",
                    SaleRules.state("rule", Reason.SALE_UNKNOWN, "message", "no sale with this offline_id is stored"));
        }
        if (sale.voided) {
            return new Issue(ConflictType.CONSTRAINT_VIOLATION, Reason.SALE_VOIDED, "transaction_offline_id: the sale is already voided",
                    SaleRules.state("rule", Reason.SALE_VOIDED, "server_id", sale.id, "status", "voided"));
        }
        if (item instanceof PaymentDoc p) {
            if (!"CASH".equals(p.method()) && (p.gatewayReference() == null || p.gatewayReference().isBlank())) {
                return new Issue(ConflictType.CONSTRAINT_VIOLATION, Reason.GATEWAY_REFERENCE_MISSING,
                        "gateway_reference: a " + p.method() + " payment made offline needs the gateway's reference",
                        SaleRules.state("rule", Reason.GATEWAY_REFERENCE_MISSING, "method", p.method()));
            }
            BigDecimal after = sale.paid.add(p.amount());
            if (after.compareTo(sale.grandTotal) > 0) {
                return new Issue(ConflictType.DATA_MISMATCH, Reason.PAYMENT_EXCEEDS_TOTAL,
                        "amount: payments would total " + after.toPlainString() + ", the sale's grand_total is " + sale.grandTotal.toPlainString(),
                        SaleRules.state("rule", Reason.PAYMENT_EXCEEDS_TOTAL, "grand_total", sale.grandTotal, "paid_total", sale.paid,
                                "remaining", sale.grandTotal.subtract(sale.paid)));
            }
        }
        return null;
    }

    /** What booking the item does to its sale, so the next item of the batch is checked against it. */
    static void apply(FollowUp item, Batch.KnownSale sale) {
        switch (item) {
            case PaymentDoc p -> sale.paid = sale.paid.add(p.amount());
            case VoidDoc v -> sale.voided = true;
        }
    }
}
