package io.tillsync.sales.booking;

import io.tillsync.catalog.Branch;
import io.tillsync.catalog.PriceBook;
import io.tillsync.catalog.ProductInfo;
import io.tillsync.catalog.Stock;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The arithmetic, catalog and price rules a sale is checked against before it is booked. */
final class SaleRules {

    /**
     * @param taxTotal      the tax to book: as sent, or computed by the branch's rule
     * @param priceVariance what the customer paid above (or below, negative) the server's prices
     * @param serverVersion the same sale as the server computes it: server prices, recomputed totals
     */
    record Checked(List<Issue> issues, BigDecimal taxTotal, BigDecimal priceVariance,
                   Map<Long, BigDecimal> serverPrices, SaleDoc serverVersion) {

        Checked withIssues(List<Issue> all) {
            return new Checked(List.copyOf(all), taxTotal, priceVariance, serverPrices, serverVersion);
        }
    }

    private SaleRules() {
    }

    static Checked check(SaleDoc d, Branch branch, Map<Long, ProductInfo> products, PriceBook prices) {
        List<Issue> issues = new ArrayList<>();
        Map<Long, BigDecimal> serverPrices = new HashMap<>();
        BigDecimal variance = BigDecimal.ZERO;
        BigDecimal linesTotal = BigDecimal.ZERO;
        BigDecimal serverSubtotal = BigDecimal.ZERO;
        List<SaleLine> serverLines = new ArrayList<>();
        for (int i = 0; i < d.items().size(); i++) {
            SaleLine line = d.items().get(i);
            ProductInfo product = products.get(line.productId());
            if (product == null || product.merchantId() != branch.merchantId()) {
                issues.add(new Issue(ConflictType.CONSTRAINT_VIOLATION, Reason.UNKNOWN_PRODUCT,
                        "items[" + i + "].product_id: product " + line.productId() + " is not in this branch's catalog",
                        state("rule", Reason.UNKNOWN_PRODUCT, "product_id", line.productId())));
                // the line is still part of what the till added up: leaving it out would report a subtotal mismatch too
                linesTotal = linesTotal.add(line.subtotal());
                serverLines.add(line);
                continue;
            }
            if (!product.active()) {
                issues.add(new Issue(ConflictType.CONSTRAINT_VIOLATION, Reason.INACTIVE_PRODUCT,
                        "items[" + i + "].product_id: product " + line.productId() + " is no longer sold",
                        state("rule", Reason.INACTIVE_PRODUCT, "product_id", line.productId(), "active", false)));
            }
            BigDecimal expectedLine = line.quantity().multiply(line.unitPrice()).setScale(2, RoundingMode.HALF_UP);
            if (expectedLine.compareTo(line.subtotal()) != 0) {
                issues.add(new Issue(ConflictType.DATA_MISMATCH, Reason.LINE_SUBTOTAL_MISMATCH,
                        "items[" + i + "].subtotal: " + plain(line.subtotal()) + " is not quantity × unit_price = " + plain(expectedLine),
                        null));
            }
            linesTotal = linesTotal.add(line.subtotal());
            BigDecimal serverPrice = prices.priceAt(line.productId(), d.createdAtDevice()).orElse(null);
            if (serverPrice == null) {
                issues.add(new Issue(ConflictType.CONSTRAINT_VIOLATION, Reason.NO_PRICE,
                        "items[" + i + "].unit_price: product " + line.productId() + " had no price in this branch at "
                                + d.createdAtDevice(), state("rule", Reason.NO_PRICE, "product_id", line.productId())));
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
                issues.add(new Issue(ConflictType.DATA_MISMATCH, Reason.PRICE_CHANGED,
                        "items[" + i + "].unit_price: sold at " + plain(line.unitPrice()) + ", the branch's price then was "
                                + plain(serverPrice), null));
            }
        }
        if (linesTotal.compareTo(d.subtotal()) != 0) {
            issues.add(new Issue(ConflictType.DATA_MISMATCH, Reason.SUBTOTAL_MISMATCH,
                    "subtotal: " + plain(d.subtotal()) + " is not the sum of the lines = " + plain(linesTotal), null));
        }
        if (d.discountTotal().compareTo(d.subtotal()) > 0) {
            issues.add(new Issue(ConflictType.DATA_MISMATCH, Reason.DISCOUNT_EXCEEDS_SUBTOTAL,
                    "discount_total: " + plain(d.discountTotal()) + " is more than the subtotal", null));
        }
        BigDecimal net = d.subtotal().subtract(d.discountTotal());
        BigDecimal tax = d.taxTotal() != null ? d.taxTotal() : branch.taxFor(net.max(BigDecimal.ZERO));
        BigDecimal expectedGrand = branch.grandTotalFor(net, tax);
        if (expectedGrand.compareTo(d.grandTotal()) != 0) {
            issues.add(new Issue(ConflictType.DATA_MISMATCH, Reason.GRAND_TOTAL_MISMATCH,
                    "grand_total: " + plain(d.grandTotal()) + " is not subtotal − discount_total"
                            + (branch.pricesIncludeTax() ? "" : " + tax_total") + " = " + plain(expectedGrand), null));
        }
        BigDecimal serverNet = serverSubtotal.subtract(d.discountTotal()).max(BigDecimal.ZERO);
        BigDecimal serverTax = branch.taxFor(serverNet);
        SaleDoc server = new SaleDoc(d.offlineId(), d.offlineReference(), d.deviceId(), d.createdAtDevice(), d.deviceDate(),
                d.branchCode(), d.paymentMethod(), d.idUserApps(), List.copyOf(serverLines), serverSubtotal.setScale(2),
                d.discountTotal(), serverTax, branch.grandTotalFor(serverNet, serverTax).setScale(2), d.status(),
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

    /** Each product's quantity in a sale, lines of one product added up. */
    static Map<Long, BigDecimal> quantities(SaleDoc d) {
        Map<Long, BigDecimal> wanted = new TreeMap<>();
        d.items().forEach(l -> wanted.merge(l.productId(), l.quantity(), BigDecimal::add));
        return wanted;
    }

    static Issue shortage(Stock.Shortage s) {
        return new Issue(ConflictType.CONSTRAINT_VIOLATION, Reason.INSUFFICIENT_STOCK,
                "product " + s.productId() + ": " + plain(s.onHand()) + " on hand, " + plain(s.wanted()) + " sold",
                state("rule", Reason.INSUFFICIENT_STOCK, "product_id", s.productId(), "stock_on_hand", s.onHand(),
                        "quantity_sold", s.wanted()));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
