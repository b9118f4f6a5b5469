package io.tillsync.catalog;

import java.math.BigDecimal;

/** The rules of a branch an admin edits: tax, stock, what each kind of conflict does by itself, and health thresholds. */
public record BranchSettings(BigDecimal taxPercent, boolean pricesIncludeTax, boolean allowNegativeStock,
                             ResolutionPolicy priceChanged, ResolutionPolicy negativeStock, ResolutionPolicy voidBeforeSale,
                             ResolutionPolicy totalsMismatch, int staleAfterMinutes, int offlineAfterMinutes,
                             int failingAfterErrors, int gapGraceMinutes) {

    public static BranchSettings of(Branch b) {
        return new BranchSettings(b.getTaxRate().movePointRight(2).stripTrailingZeros(), b.isPricesIncludeTax(), b.isAllowNegativeStock(),
                b.getPolicyPriceChanged(), b.getPolicyNegativeStock(), b.getPolicyVoidBeforeSale(), b.getPolicyTotalsMismatch(),
                b.getStaleAfterMinutes(), b.getOfflineAfterMinutes(), b.getFailingAfterErrors(), b.getGapGraceMinutes());
    }
}
