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

/** A shop. Carries the rules its tills' sales are booked under. */
@Entity
@Table(name = "branches")
public class Branch {

    public static final int CODE_MAX = 40;

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

    protected Branch() {
    }

    public Branch(Merchant merchant, String code, String name, BigDecimal taxRate) {
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

    public Long getId() {
        return id;
    }

    public Merchant getMerchant() {
        return merchant;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    /** How a branch reads in a picker: its code, which people type, and its name, which they know it by. */
    public String label() {
        return code + " · " + name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** As printed on receipts; null until someone sets it. */
    public String getAddress() {
        return address;
    }

    public BigDecimal getTaxRate() {
        return taxRate;
    }

    public void setTaxRate(BigDecimal taxRate) {
        this.taxRate = taxRate;
    }

    /** The tax on a net amount by this branch's rule: on top of the prices, or included in them. */
    public BigDecimal taxFor(BigDecimal net) {
        BigDecimal tax = pricesIncludeTax
                ? net.multiply(taxRate).divide(BigDecimal.ONE.add(taxRate), 2, java.math.RoundingMode.HALF_UP)
                : net.multiply(taxRate);
        return tax.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /** With tax-inclusive prices the grand total is the net amount; otherwise net plus tax. */
    public BigDecimal grandTotalFor(BigDecimal net, BigDecimal tax) {
        return pricesIncludeTax ? net : net.add(tax);
    }

    public boolean isPricesIncludeTax() {
        return pricesIncludeTax;
    }

    public void setPricesIncludeTax(boolean pricesIncludeTax) {
        this.pricesIncludeTax = pricesIncludeTax;
    }

    public boolean isAllowNegativeStock() {
        return allowNegativeStock;
    }

    public void setAllowNegativeStock(boolean allowNegativeStock) {
        this.allowNegativeStock = allowNegativeStock;
    }

    public ResolutionPolicy getPolicyPriceChanged() {
        return ResolutionPolicy.fromWire(policyPriceChanged);
    }

    public void setPolicyPriceChanged(ResolutionPolicy policy) {
        this.policyPriceChanged = policy.wire();
    }

    public ResolutionPolicy getPolicyNegativeStock() {
        return ResolutionPolicy.fromWire(policyNegativeStock);
    }

    public void setPolicyNegativeStock(ResolutionPolicy policy) {
        this.policyNegativeStock = policy.wire();
    }

    public ResolutionPolicy getPolicyVoidBeforeSale() {
        return ResolutionPolicy.fromWire(policyVoidBeforeSale);
    }

    public void setPolicyVoidBeforeSale(ResolutionPolicy policy) {
        this.policyVoidBeforeSale = policy.wire();
    }

    public ResolutionPolicy getPolicyTotalsMismatch() {
        return ResolutionPolicy.fromWire(policyTotalsMismatch);
    }

    public void setPolicyTotalsMismatch(ResolutionPolicy policy) {
        this.policyTotalsMismatch = policy.wire();
    }

    public int getStaleAfterMinutes() {
        return staleAfterMinutes;
    }

    public void setStaleAfterMinutes(int staleAfterMinutes) {
        this.staleAfterMinutes = staleAfterMinutes;
    }

    public int getOfflineAfterMinutes() {
        return offlineAfterMinutes;
    }

    public void setOfflineAfterMinutes(int offlineAfterMinutes) {
        this.offlineAfterMinutes = offlineAfterMinutes;
    }

    public int getFailingAfterErrors() {
        return failingAfterErrors;
    }

    public void setFailingAfterErrors(int failingAfterErrors) {
        this.failingAfterErrors = failingAfterErrors;
    }

    public int getGapGraceMinutes() {
        return gapGraceMinutes;
    }

    public void setGapGraceMinutes(int gapGraceMinutes) {
        this.gapGraceMinutes = gapGraceMinutes;
    }

    public long getVersion() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Branch other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return Branch.class.hashCode();
    }
}
