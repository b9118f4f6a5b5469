package io.tillsync.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Branch rules, for admins only. Every value is checked before anything is written, so a refused form changes nothing. */
@Service
public class BranchAdminService {

    /** Which policies make sense for which kind of conflict: only a void can wait for its sale. */
    public static final Set<ResolutionPolicy> SETTLE_OR_ASK = Set.of(ResolutionPolicy.KEEP_LOCAL, ResolutionPolicy.MANUAL);
    public static final Set<ResolutionPolicy> HOLD_OR_ASK = Set.of(ResolutionPolicy.HOLD, ResolutionPolicy.MANUAL);

    private final BranchRepository branches;

    BranchAdminService(BranchRepository branches) {
        this.branches = branches;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<Branch> all() {
        return branches.findAll(org.springframework.data.domain.Sort.by("code")).stream().map(BranchEntity::toValue).toList();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Branch update(long branchId, BranchSettings s) {
        check(s);
        BranchEntity b = branches.findById(branchId).orElseThrow(() -> new SettingsRejected("branch", "refusal.branch.unknown", "No such branch"));
        b.setTaxRate(s.taxPercent().movePointLeft(2));
        b.setPricesIncludeTax(s.pricesIncludeTax());
        b.setAllowNegativeStock(s.allowNegativeStock());
        b.setPolicyPriceChanged(s.priceChanged());
        b.setPolicyNegativeStock(s.negativeStock());
        b.setPolicyVoidBeforeSale(s.voidBeforeSale());
        b.setPolicyTotalsMismatch(s.totalsMismatch());
        b.setStaleAfterMinutes(s.staleAfterMinutes());
        b.setOfflineAfterMinutes(s.offlineAfterMinutes());
        b.setFailingAfterErrors(s.failingAfterErrors());
        b.setGapGraceMinutes(s.gapGraceMinutes());
        return branches.saveAndFlush(b).toValue();
    }

    static void check(BranchSettings s) {
        if (s.taxPercent() == null || s.taxPercent().signum() < 0 || s.taxPercent().compareTo(BigDecimal.valueOf(100)) > 0
                || s.taxPercent().stripTrailingZeros().scale() > 2) {
            throw new SettingsRejected("taxPercent", "refusal.settings.tax", "Tax: a percentage from 0 to 100 with at most 2 decimals");
        }
        if (!SETTLE_OR_ASK.contains(s.priceChanged())) {
            throw new SettingsRejected("priceChanged", "refusal.settings.priceChanged", "A changed price is either booked as paid or left to a manager");
        }
        if (!SETTLE_OR_ASK.contains(s.negativeStock())) {
            throw new SettingsRejected("negativeStock", "refusal.settings.negativeStock", "Negative stock is either booked anyway or left to a manager");
        }
        if (!HOLD_OR_ASK.contains(s.voidBeforeSale())) {
            throw new SettingsRejected("voidBeforeSale", "refusal.settings.voidBeforeSale", "A void for a sale not yet arrived can only wait for it or go to a manager");
        }
        if (!SETTLE_OR_ASK.contains(s.totalsMismatch())) {
            throw new SettingsRejected("totalsMismatch", "refusal.settings.totalsMismatch", "Totals that do not add up are either booked as sent or left to a manager");
        }
        if (s.staleAfterMinutes() < 1) {
            throw new SettingsRejected("staleAfterMinutes", "refusal.settings.stale", "At least 1 minute");
        }
        if (s.offlineAfterMinutes() <= s.staleAfterMinutes()) {
            throw new SettingsRejected("offlineAfterMinutes", "refusal.settings.offline", "Must be longer than the stale threshold");
        }
        if (s.failingAfterErrors() < 1) {
            throw new SettingsRejected("failingAfterErrors", "refusal.settings.failing", "At least 1 failed request");
        }
        if (s.gapGraceMinutes() < 0) {
            throw new SettingsRejected("gapGraceMinutes", "refusal.settings.grace", "0 minutes or more");
        }
    }
}
