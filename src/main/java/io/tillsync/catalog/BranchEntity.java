package io.tillsync.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;

/**
 * A branch's row. Only this module reads and writes it; everyone else gets the immutable
 * {@link Branch} it hands out, so a setter called elsewhere can never change a branch's rules.
 */
@Entity
@Table(name = "branches")
class BranchEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "merchant_id")
    private Merchant merchant;
    private String code;
    private String name;
    private String address;
    @Column(precision = 6, scale = 4)
    private BigDecimal taxRate;
    private boolean pricesIncludeTax;
    private boolean allowNegativeStock;
    private String policyPriceChanged;
    private String policyNegativeStock;
    private String policyVoidBeforeSale;
    private String policyTotalsMismatch;
    private int staleAfterMinutes;
    private int offlineAfterMinutes;
    private int failingAfterErrors;
    private int gapGraceMinutes;
    private long changeSeq;
    @Version
    private long version;

    protected BranchEntity() {
    }

    BranchEntity(Merchant merchant, String code, String name, BigDecimal taxRate) {
        this.merchant = merchant;
        this.code = code;
        this.name = name;
        this.taxRate = taxRate;
        this.policyPriceChanged = ResolutionPolicy.KEEP_LOCAL.wire();
        this.policyNegativeStock = ResolutionPolicy.KEEP_LOCAL.wire();
        this.policyVoidBeforeSale = ResolutionPolicy.HOLD.wire();
        this.policyTotalsMismatch = ResolutionPolicy.MANUAL.wire();
        this.staleAfterMinutes = 60;
        this.offlineAfterMinutes = 1440;
        this.failingAfterErrors = 3;
        this.gapGraceMinutes = 120;
    }

    Long getId() {
        return id;
    }

    Merchant getMerchant() {
        return merchant;
    }

    String getCode() {
        return code;
    }

    String getName() {
        return name;
    }

    void setName(String name) {
        this.name = name;
    }

    /** As printed on receipts; null until someone sets it. */
    String getAddress() {
        return address;
    }

    BigDecimal getTaxRate() {
        return taxRate;
    }

    void setTaxRate(BigDecimal taxRate) {
        this.taxRate = taxRate;
    }

    boolean isPricesIncludeTax() {
        return pricesIncludeTax;
    }

    void setPricesIncludeTax(boolean pricesIncludeTax) {
        this.pricesIncludeTax = pricesIncludeTax;
    }

    boolean isAllowNegativeStock() {
        return allowNegativeStock;
    }

    void setAllowNegativeStock(boolean allowNegativeStock) {
        this.allowNegativeStock = allowNegativeStock;
    }

    ResolutionPolicy getPolicyPriceChanged() {
        return ResolutionPolicy.fromWire(policyPriceChanged);
    }

    void setPolicyPriceChanged(ResolutionPolicy policy) {
        this.policyPriceChanged = policy.wire();
    }

    ResolutionPolicy getPolicyNegativeStock() {
        return ResolutionPolicy.fromWire(policyNegativeStock);
    }

    void setPolicyNegativeStock(ResolutionPolicy policy) {
        this.policyNegativeStock = policy.wire();
    }

    ResolutionPolicy getPolicyVoidBeforeSale() {
        return ResolutionPolicy.fromWire(policyVoidBeforeSale);
    }

    void setPolicyVoidBeforeSale(ResolutionPolicy policy) {
        this.policyVoidBeforeSale = policy.wire();
    }

    ResolutionPolicy getPolicyTotalsMismatch() {
        return ResolutionPolicy.fromWire(policyTotalsMismatch);
    }

    void setPolicyTotalsMismatch(ResolutionPolicy policy) {
        this.policyTotalsMismatch = policy.wire();
    }

    int getStaleAfterMinutes() {
        return staleAfterMinutes;
    }

    void setStaleAfterMinutes(int staleAfterMinutes) {
        this.staleAfterMinutes = staleAfterMinutes;
    }

    int getOfflineAfterMinutes() {
        return offlineAfterMinutes;
    }

    void setOfflineAfterMinutes(int offlineAfterMinutes) {
        this.offlineAfterMinutes = offlineAfterMinutes;
    }

    int getFailingAfterErrors() {
        return failingAfterErrors;
    }

    void setFailingAfterErrors(int failingAfterErrors) {
        this.failingAfterErrors = failingAfterErrors;
    }

    int getGapGraceMinutes() {
        return gapGraceMinutes;
    }

    void setGapGraceMinutes(int gapGraceMinutes) {
        this.gapGraceMinutes = gapGraceMinutes;
    }

    long getVersion() {
        return version;
    }

    /** The branch as the rest of Tillsync sees it: a value, read once. */
    Branch toValue() {
        return new Branch(id, code, name, address, merchant.getId(), merchant.getCode(), merchant.getName(), taxRate,
                pricesIncludeTax, allowNegativeStock, getPolicyPriceChanged(), getPolicyNegativeStock(), getPolicyVoidBeforeSale(),
                getPolicyTotalsMismatch(), staleAfterMinutes, offlineAfterMinutes, failingAfterErrors, gapGraceMinutes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BranchEntity other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return BranchEntity.class.hashCode();
    }
}
