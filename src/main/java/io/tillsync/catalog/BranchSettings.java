package io.tillsync.catalog;

import java.math.BigDecimal;

/** The rules of a branch an admin edits: tax, stock, what each kind of conflict does by itself, and health thresholds. */
public record BranchSettings(BigDecimal taxPercent, boolean pricesIncludeTax, boolean allowNegativeStock,
                             ResolutionPolicy priceChanged, ResolutionPolicy negativeStock, ResolutionPolicy voidBeforeSale,
                             ResolutionPolicy totalsMismatch, int staleAfterMinutes, int offlineAfterMinutes,
                             int failingAfterErrors, int gapGraceMinutes) {

    public static BranchSettings of(Branch b) {
        return new BranchSettings(b.taxRate().movePointRight(2).stripTrailingZeros(), b.pricesIncludeTax(), b.allowNegativeStock(),
                b.policyPriceChanged(), b.policyNegativeStock(), b.policyVoidBeforeSale(), b.policyTotalsMismatch(),
                b.staleAfterMinutes(), b.offlineAfterMinutes(), b.failingAfterErrors(), b.gapGraceMinutes());
    }
}
