package io.tillsync.sales.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.catalog.Branch;
import io.tillsync.catalog.ResolutionPolicy;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.Reason;
import io.tillsync.support.TestBranch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which issues a branch's policy settles at once, and which wait for a person. */
class PoliciesTest {

    private Branch branch = Docs.branch();

    private static Issue issue(ConflictType type, String reason) {
        return new Issue(type, reason, reason, null);
    }

    @Test
    void a_changed_price_and_a_shortage_are_settled_where_the_branch_says_so() {
        Issue price = issue(ConflictType.DATA_MISMATCH, Reason.PRICE_CHANGED);
        Issue stock = issue(ConflictType.CONSTRAINT_VIOLATION, Reason.INSUFFICIENT_STOCK);
        assertThat(Policies.allKeepLocal(branch, List.of(price, stock))).isTrue();
        assertThat(Policies.settlesShortage(branch)).isTrue();

        branch = TestBranch.from(branch).allowNegativeStock(false).build();
        assertThat(Policies.forIssue(branch, stock)).isEqualTo(ResolutionPolicy.MANUAL);
        assertThat(Policies.settlesShortage(branch)).isFalse();
        assertThat(Policies.allKeepLocal(branch, List.of(price, stock))).isFalse();
    }

    @Test
    void one_issue_no_policy_settles_makes_the_sale_wait_and_leads_its_conflict() {
        Issue price = issue(ConflictType.DATA_MISMATCH, Reason.PRICE_CHANGED);
        Issue unknown = issue(ConflictType.CONSTRAINT_VIOLATION, Reason.UNKNOWN_PRODUCT);
        assertThat(Policies.allKeepLocal(branch, List.of(price, unknown))).isFalse();
        assertThat(Policies.leading(branch, List.of(price, unknown))).isEqualTo(unknown);
        assertThat(Policies.leading(branch, List.of(price))).isEqualTo(price);
        assertThat(Policies.allKeepLocal(branch, List.of())).isFalse();
    }

    @Test
    void a_void_before_its_sale_is_held_and_bad_totals_follow_the_branch_setting() {
        assertThat(Policies.forIssue(branch, issue(ConflictType.CONSTRAINT_VIOLATION, Reason.SALE_UNKNOWN)))
                .isEqualTo(ResolutionPolicy.HOLD);
        Issue totals = issue(ConflictType.DATA_MISMATCH, Reason.GRAND_TOTAL_MISMATCH);
        assertThat(Policies.forIssue(branch, totals)).isEqualTo(ResolutionPolicy.MANUAL);
        branch = TestBranch.from(branch).policies(branch.policyPriceChanged(), branch.policyNegativeStock(),
                branch.policyVoidBeforeSale(), ResolutionPolicy.KEEP_LOCAL).build();
        assertThat(Policies.forIssue(branch, totals)).isEqualTo(ResolutionPolicy.KEEP_LOCAL);
    }

    @Test
    void every_reason_has_advice() {
        for (var field : Reason.class.getFields()) {
            if (field.getType() == String.class) {
                String reason = (String) org.springframework.util.ReflectionUtils.getField(field, null);
                assertThat(Policies.suggestedFix(issue(ConflictType.DATA_MISMATCH, reason))).isNotBlank();
            }
        }
    }
}
