package io.tillsync.devices;

import io.tillsync.catalog.Branch;
import java.math.BigDecimal;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A till's branch as the till is told of it, in the pairing answer and in every pull alike: the rule
 * it computes tax with, and what its receipts print.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TillBranch(
        String branchCode,
        String name,
        String merchantCode,
        BigDecimal taxRate,
        boolean pricesIncludeTax,
        String merchantName,
        String address) {

    public static TillBranch of(Branch b) {
        return new TillBranch(b.code(), b.name(), b.merchantCode(), b.taxRate().stripTrailingZeros(),
                b.pricesIncludeTax(), b.merchantName(), b.address());
    }
}
