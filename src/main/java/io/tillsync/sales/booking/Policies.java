package io.tillsync.sales.booking;

import io.tillsync.catalog.Branch;
import io.tillsync.catalog.ResolutionPolicy;
import io.tillsync.sales.Reason;
import java.util.List;

/** Maps each reason a branch's policy can settle to the policy that settles it; everything else waits for a person. */
final class Policies {

    private Policies() {
    }

    static ResolutionPolicy forIssue(Branch branch, Issue issue) {
        return switch (issue.reason()) {
            case Reason.PRICE_CHANGED -> branch.policyPriceChanged();
            case Reason.INSUFFICIENT_STOCK -> branch.allowNegativeStock() ? branch.policyNegativeStock() : ResolutionPolicy.MANUAL;
            case Reason.SALE_UNKNOWN -> branch.policyVoidBeforeSale();
            case Reason.LINE_SUBTOTAL_MISMATCH, Reason.SUBTOTAL_MISMATCH, Reason.GRAND_TOTAL_MISMATCH -> branch.policyTotalsMismatch();
            default -> ResolutionPolicy.MANUAL;
        };
    }

    /** Whether a sale that takes stock below zero is booked anyway, by the branch's settings and policy. */
    static boolean settlesShortage(Branch branch) {
        return branch.allowNegativeStock() && branch.policyNegativeStock() == ResolutionPolicy.KEEP_LOCAL;
    }

    /** The policy settles the item only if it settles every issue of it. */
    static boolean allKeepLocal(Branch branch, List<Issue> issues) {
        return !issues.isEmpty() && issues.stream().allMatch(i -> forIssue(branch, i) == ResolutionPolicy.KEEP_LOCAL);
    }

    /** The issue that decides the conflict's type: the first one no policy settles, else the first. */
    static Issue leading(Branch branch, List<Issue> issues) {
        return issues.stream().filter(i -> forIssue(branch, i) != ResolutionPolicy.KEEP_LOCAL).findFirst()
                .orElse(issues.getFirst());
    }

    static String suggestedFix(Issue issue) {
        return switch (issue.reason()) {
            case Reason.PRICE_CHANGED -> "The price changed while the till was offline. keep_local books the price the customer paid "
                    + "and records the difference as a price variance; keep_server books it at the server's price, the difference kept as a variance.";
            case Reason.INSUFFICIENT_STOCK -> "Stock would go below zero. keep_local books the sale anyway; keep_server rejects it.";
            case Reason.UNKNOWN_PRODUCT -> "The product is not in the catalog. Merge with a known product_id or reject with keep_server.";
            case Reason.INACTIVE_PRODUCT -> "The product is no longer sold. keep_local books it anyway; keep_server rejects it.";
            case Reason.NO_PRICE -> "The branch had no price for the product at the time of sale. keep_local books the device's price.";
            case Reason.SALE_UNKNOWN -> "The sale it refers to has not arrived. It is settled by itself when the sale arrives.";
            case Reason.SALE_VOIDED -> "The sale is already voided. keep_server leaves it as it is.";
            case Reason.GATEWAY_REFERENCE_MISSING -> "A non-cash payment made offline needs the gateway reference. Merge with the reference added.";
            case Reason.PAYMENT_EXCEEDS_TOTAL -> "The payments exceed the sale's grand total. Merge with the right amount or reject with keep_server.";
            case Reason.DUPLICATE_OFFLINE_ID, Reason.DUPLICATE_REFERENCE -> "Another record holds the same identity. keep_server keeps the "
                    + "stored one; keep_local replaces it and reverses its effects.";
            default -> "Check the totals against the lines. merge with corrected totals, keep_local books as sent, keep_server books the "
                    + "server's computation with the difference as a variance.";
        };
    }
}
