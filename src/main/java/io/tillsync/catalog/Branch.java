package io.tillsync.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A shop as every module sees it: who it is, the rules its tills' sales are booked under, what its
 * policy settles by itself, and when its tills count as stale. An immutable value read from the
 * catalog; an admin changes it through {@link BranchAdminService}.
 */
public record Branch(long id, String code, String name, String address, long merchantId, String merchantCode,
                     String merchantName, BigDecimal taxRate, boolean pricesIncludeTax, boolean allowNegativeStock,
                     ResolutionPolicy policyPriceChanged, ResolutionPolicy policyNegativeStock,
                     ResolutionPolicy policyVoidBeforeSale, ResolutionPolicy policyTotalsMismatch,
                     int staleAfterMinutes, int offlineAfterMinutes, int failingAfterErrors, int gapGraceMinutes) {

    public static final int CODE_MAX = 40;

    /** How a branch reads in a picker: its code, which people type, and its name, which they know it by. */
    public String label() {
        return code + " · " + name;
    }

    /** The tax on a net amount by this branch's rule: on top of the prices, or included in them. */
    public BigDecimal taxFor(BigDecimal net) {
        BigDecimal tax = pricesIncludeTax
                ? net.multiply(taxRate).divide(BigDecimal.ONE.add(taxRate), 2, RoundingMode.HALF_UP)
                : net.multiply(taxRate);
        return tax.setScale(2, RoundingMode.HALF_UP);
    }

    /** With tax-inclusive prices the grand total is the net amount; otherwise net plus tax. */
    public BigDecimal grandTotalFor(BigDecimal net, BigDecimal tax) {
        return pricesIncludeTax ? net : net.add(tax);
    }
}
