package io.tillsync.support;

import io.tillsync.catalog.Branch;
import io.tillsync.catalog.ResolutionPolicy;
import java.math.BigDecimal;

/** Branch values for tests that need no database: the defaults of a new branch, changed where a test says. */
public final class TestBranch {

    private long id = 10;
    private long merchantId = 1;
    private String code = "BRN-1";
    private String name = "Branch one";
    private BigDecimal taxRate = new BigDecimal("0.10");
    private boolean pricesIncludeTax;
    private boolean allowNegativeStock;
    private ResolutionPolicy priceChanged = ResolutionPolicy.KEEP_LOCAL;
    private ResolutionPolicy negativeStock = ResolutionPolicy.KEEP_LOCAL;
    private ResolutionPolicy voidBeforeSale = ResolutionPolicy.HOLD;
    private ResolutionPolicy totalsMismatch = ResolutionPolicy.MANUAL;

    private TestBranch() {
    }

    public static TestBranch taxed(String rate) {
        TestBranch b = new TestBranch();
        b.taxRate = new BigDecimal(rate);
        return b;
    }

    public static TestBranch taxed(BigDecimal rate) {
        TestBranch b = new TestBranch();
        b.taxRate = rate;
        return b;
    }

    public static TestBranch from(Branch branch) {
        TestBranch b = new TestBranch();
        b.id = branch.id();
        b.merchantId = branch.merchantId();
        b.code = branch.code();
        b.name = branch.name();
        b.taxRate = branch.taxRate();
        b.pricesIncludeTax = branch.pricesIncludeTax();
        b.allowNegativeStock = branch.allowNegativeStock();
        b.priceChanged = branch.policyPriceChanged();
        b.negativeStock = branch.policyNegativeStock();
        b.voidBeforeSale = branch.policyVoidBeforeSale();
        b.totalsMismatch = branch.policyTotalsMismatch();
        return b;
    }

    public TestBranch code(String value) {
        this.code = value;
        this.name = value;
        return this;
    }

    public TestBranch pricesIncludeTax(boolean value) {
        this.pricesIncludeTax = value;
        return this;
    }

    public TestBranch allowNegativeStock(boolean value) {
        this.allowNegativeStock = value;
        return this;
    }

    public TestBranch policies(ResolutionPolicy priceChanged, ResolutionPolicy negativeStock, ResolutionPolicy voidBeforeSale,
                               ResolutionPolicy totalsMismatch) {
        this.priceChanged = priceChanged;
        this.negativeStock = negativeStock;
        this.voidBeforeSale = voidBeforeSale;
        this.totalsMismatch = totalsMismatch;
        return this;
    }

    public Branch build() {
        return new Branch(id, code, name, null, merchantId, "MC01", "Demo", taxRate, pricesIncludeTax, allowNegativeStock,
                priceChanged, negativeStock, voidBeforeSale, totalsMismatch, 60, 1440, 3, 120);
    }
}
