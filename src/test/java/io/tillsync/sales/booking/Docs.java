package io.tillsync.sales.booking;

import io.tillsync.catalog.Branch;
import io.tillsync.catalog.PriceBook;
import io.tillsync.catalog.ProductInfo;
import io.tillsync.catalog.ResolutionPolicy;
import io.tillsync.support.TestBranch;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Documents, branches and catalogs for the rule tests, built in memory: no Spring, no database. */
final class Docs {

    static final Instant SOLD_AT = Instant.parse("2025-10-13T10:30:00Z");
    static final long KOPI = 1238;
    static final long TEH = 1239;

    private Docs() {
    }

    /** A branch of merchant 1 with 10% tax on top of its prices, negative stock allowed and settled by policy. */
    static Branch branch() {
        return TestBranch.taxed("0.10").allowNegativeStock(true).policies(ResolutionPolicy.KEEP_LOCAL, ResolutionPolicy.KEEP_LOCAL,
                ResolutionPolicy.HOLD, ResolutionPolicy.MANUAL).build();
    }

    static Map<Long, ProductInfo> products() {
        return Map.of(KOPI, new ProductInfo(KOPI, 1, "KOPI", "Kopi Susu", "cup", true),
                TEH, new ProductInfo(TEH, 1, "TEH", "Es Teh", "cup", true));
    }

    static PriceBook prices() {
        return PriceBook.of(List.of(new PriceBook.Price(KOPI, new BigDecimal("15000"), Instant.parse("2025-01-01T00:00:00Z")),
                new PriceBook.Price(TEH, new BigDecimal("8000"), Instant.parse("2025-01-01T00:00:00Z")),
                new PriceBook.Price(TEH, new BigDecimal("9000"), Instant.parse("2025-10-13T12:00:00Z"))));
    }

    static SaleLine line(long product, String qty, String price) {
        BigDecimal q = new BigDecimal(qty);
        BigDecimal p = new BigDecimal(price);
        return new SaleLine(product, q, p, q.multiply(p));
    }

    /** A paid sale of these lines whose totals add up, tax left to the branch. */
    static SaleDoc sale(SaleLine... lines) {
        BigDecimal subtotal = List.of(lines).stream().map(SaleLine::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        return sale(List.of(lines), subtotal, BigDecimal.ZERO, null, subtotal.multiply(new BigDecimal("1.10")));
    }

    static SaleDoc sale(List<SaleLine> lines, BigDecimal subtotal, BigDecimal discount, BigDecimal tax, BigDecimal grand) {
        return new SaleDoc(UUID.randomUUID().toString(), "TILL-1-20251013-001", "TILL-1", SOLD_AT, LocalDate.of(2025, 10, 13),
                "BRN-1", "CASH", 5L, lines, subtotal, discount, tax, grand, SaleDoc.STATUS_PAID, true, null);
    }
}
