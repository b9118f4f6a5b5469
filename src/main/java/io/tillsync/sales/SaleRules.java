package io.tillsync.sales;

import io.tillsync.catalog.Branch;
import io.tillsync.catalog.PriceBook;
import io.tillsync.catalog.ProductInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The arithmetic, catalog and price rules a sale is checked against before it is booked. */
public final class SaleRules {

    /**
     * @param taxTotal      the tax to book: as sent, or computed by the branch's rule
     * @param priceVariance what the customer paid above (or below, negative) the server's prices
     * @param serverVersion the same sale as the server computes it: server prices, recomputed totals
     */
    public record Checked(List<Issue> issues, BigDecimal taxTotal, BigDecimal priceVariance,
                          Map<Long, BigDecimal> serverPrices, SaleDoc serverVersion) {
    }

    private SaleRules() {
    }

    public static BigDecimal taxFor(Branch branch, BigDecimal net) {
        BigDecimal rate = branch.getTaxRate();
        BigDecimal tax = branch.isPricesIncludeTax()
                ? net.multiply(rate).divide(BigDecimal.ONE.add(rate), 2, RoundingMode.HALF_UP)
                : net.multiply(rate);
        return tax.setScale(2, RoundingMode.HALF_UP);
    }

    /** With tax-inclusive prices the grand total is the net amount; otherwise net plus tax. */
    public static BigDecimal expectedGrandTotal(Branch branch, BigDecimal net, BigDecimal tax) {
        return branch.isPricesIncludeTax() ? net : net.add(tax);
    }

    public static Checked check(SaleDoc d, Branch branch, Map<Long, ProductInfo> products, PriceBook prices) {
        List<Issue> issues = new ArrayList<>();
        Map<Long, BigDecimal> serverPrices = new HashMap<>();
        BigDecimal variance = BigDecimal.ZERO;
        BigDecimal linesTotal = BigDecimal.ZERO;
        BigDecimal serverSubtotal = BigDecimal.ZERO;
        List<SaleLine> serverLines = new ArrayList<>();
        for (int i = 0; i < d.items().size(); i++) {
            SaleLine line = d.items().get(i);
            ProductInfo product = products.get(line.productId());
            if (product == null || product.merchantId() != branch.getMerchant().getId()) {
                issues.add(new Issue(ConflictType.CONSTRAINT_VIOLATION, Issue.UNKNOWN_PRODUCT,
                        "items[" + i + "].product_id: product " + line.productId() + " is not in this branch's catalog",
                        state("rule", Issue.UNKNOWN_PRODUCT, "product_id", line.productId())));
                serverLines.add(line);
                continue;
            }
            if (!product.active()) {
                issues.add(new Issue(ConflictType.CONSTRAINT_VIOLATION, Issue.INACTIVE_PRODUCT,
                        "items[" + i + "].product_id: product " + line.productId() + " is no longer sold",
                        state("rule", Issue.INACTIVE_PRODUCT, "product_id", line.productId(), "active", false)));
            }
            BigDecimal expectedLine = line.quantity().multiply(line.unitPrice()).setScale(2, RoundingMode.HALF_UP);
            if (expectedLine.compareTo(line.subtotal()) != 0) {
                issues.add(new Issue(ConflictType.DATA_MISMATCH, Issue.LINE_SUBTOTAL_MISMATCH,
                        "items[" + i + "].subtotal: " + plain(line.subtotal()) + " is not quantity × unit_price = " + plain(expectedLine),
                        null));
            }
            linesTotal = linesTotal.add(line.subtotal());
            BigDecimal serverPrice = prices.priceAt(line.productId(), d.createdAtDevice()).orElse(null);
            if (serverPrice == null) {
                issues.add(new Issue(ConflictType.CONSTRAINT_VIOLATION, Issue.NO_PRICE,
                        "items[" + i + "].unit_price: product " + line.productId() + " had no price in this branch at "
                                + d.createdAtDevice(), state("rule", Issue.NO_PRICE, "product_id", line.productId())));
                serverLines.add(line);
                serverSubtotal = serverSubtotal.add(expectedLine);
                continue;
            }
            serverPrices.put(line.productId(), serverPrice);
            BigDecimal serverLine = line.quantity().multiply(serverPrice).setScale(2, RoundingMode.HALF_UP);
            serverLines.add(new SaleLine(line.productId(), line.quantity(), serverPrice, serverLine));
            serverSubtotal = serverSubtotal.add(serverLine);
            if (serverPrice.compareTo(line.unitPrice()) != 0) {
                variance = variance.add(expectedLine.subtract(serverLine));
                issues.add(new Issue(ConflictType.DATA_MISMATCH, Issue.PRICE_CHANGED,
                        "items[" + i + "].unit_price: sold at " + plain(line.unitPrice()) + ", the branch's price then was "
                                + plain(serverPrice), null));
            }
        }
        if (linesTotal.compareTo(d.subtotal()) != 0) {
            issues.add(new Issue(ConflictType.DATA_MISMATCH, Issue.SUBTOTAL_MISMATCH,
                    "subtotal: " + plain(d.subtotal()) + " is not the sum of the lines = " + plain(linesTotal), null));
        }
        if (d.discountTotal().compareTo(d.subtotal()) > 0) {
            issues.add(new Issue(ConflictType.DATA_MISMATCH, Issue.DISCOUNT_EXCEEDS_SUBTOTAL,
                    "discount_total: " + plain(d.discountTotal()) + " is more than the subtotal", null));
        }
        BigDecimal net = d.subtotal().subtract(d.discountTotal());
        BigDecimal tax = d.taxTotal() != null ? d.taxTotal() : taxFor(branch, net.max(BigDecimal.ZERO));
        BigDecimal expectedGrand = branch.isPricesIncludeTax() ? net : net.add(tax);
        if (expectedGrand.compareTo(d.grandTotal()) != 0) {
            issues.add(new Issue(ConflictType.DATA_MISMATCH, Issue.GRAND_TOTAL_MISMATCH,
                    "grand_total: " + plain(d.grandTotal()) + " is not subtotal − discount_total"
                            + (branch.isPricesIncludeTax() ? "" : " + tax_total") + " = " + plain(expectedGrand), null));
        }
        BigDecimal serverNet = serverSubtotal.subtract(d.discountTotal()).max(BigDecimal.ZERO);
        BigDecimal serverTax = taxFor(branch, serverNet);
        SaleDoc server = new SaleDoc(d.offlineId(), d.offlineReference(), d.deviceId(), d.createdAtDevice(), d.deviceDate(),
                d.branchCode(), d.paymentMethod(), d.idUserApps(), List.copyOf(serverLines), serverSubtotal.setScale(2),
                d.discountTotal(), serverTax, expectedGrandTotal(branch, serverNet, serverTax).setScale(2), d.status(),
                d.offline(), d.gatewayReference());
        return new Checked(issues, tax, variance, serverPrices, server);
    }

    static Map<String, Object> state(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    public static Map<String, Object> stateOf(Object... keyValues) {
        return state(keyValues);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
