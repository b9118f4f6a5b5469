package io.tillsync.catalog;

import java.time.Clock;
import io.tillsync.base.Db;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Branches, products and prices as the sync path needs them: bulk reads per batch, so a batch
 * costs a constant number of round trips. Stock has its own owner, {@link Stock}.
 */
@Service
public class CatalogService {

    private final NamedParameterJdbcTemplate jdbc;
    private final BranchRepository branches;
    private final ChangeFeed feed;
    private final Clock clock;
    private final Map<Long, BranchCodes> codes = new java.util.concurrent.ConcurrentHashMap<>();

    CatalogService(NamedParameterJdbcTemplate jdbc, BranchRepository branches, ChangeFeed feed, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.branches = branches;
        this.feed = feed;
    }

    /** A branch's and its merchant's codes, which never change once made: kept in memory after the first read. */
    public record BranchCodes(long branchId, String branchCode, long merchantId, String merchantCode) {
    }

    public BranchCodes codes(long branchId) {
        BranchCodes known = codes.get(branchId);
        if (known != null) {
            return known;
        }
        BranchCodes read = jdbc.queryForObject("""
                SELECT b.id AS branch_id, b.code AS branch_code, m.id AS merchant_id, m.code AS merchant_code
                FROM branches b JOIN merchants m ON m.id = b.merchant_id WHERE b.id = :id""",
                Map.of("id", branchId), (rs, i) -> new BranchCodes(rs.getLong("branch_id"), rs.getString("branch_code"),
                        rs.getLong("merchant_id"), rs.getString("merchant_code")));
        codes.put(branchId, read);
        return read;
    }

    @Transactional(readOnly = true)
    public Optional<Branch> branch(long id) {
        return branches.findById(id).map(BranchEntity::toValue);
    }

    @Transactional(readOnly = true)
    public Optional<Branch> branchByCode(String code) {
        return branches.findByCode(code).map(BranchEntity::toValue);
    }

    @Transactional(readOnly = true)
    public List<Branch> allBranches() {
        return branches.findAll(org.springframework.data.domain.Sort.by("code")).stream().map(BranchEntity::toValue).toList();
    }

    public Map<Long, ProductInfo> products(Collection<Long> ids) {
        Map<Long, ProductInfo> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.query("SELECT id, merchant_id, sku, name, unit, active FROM products WHERE id IN (:ids)",
                Map.of("ids", ids), rs -> {
                    result.put(rs.getLong("id"), new ProductInfo(rs.getLong("id"), rs.getLong("merchant_id"), rs.getString("sku"),
                            rs.getString("name"), rs.getString("unit"), rs.getBoolean("active")));
                });
        return result;
    }

    public PriceBook prices(long branchId, Collection<Long> productIds) {
        if (productIds.isEmpty()) {
            return new PriceBook(List.of());
        }
        List<PriceBook.Price> prices = jdbc.query(
                "SELECT product_id, price, valid_from FROM branch_prices WHERE branch_id = :branch AND product_id IN (:ids)",
                Map.of("branch", branchId, "ids", productIds),
                (rs, i) -> new PriceBook.Price(rs.getLong("product_id"), rs.getBigDecimal("price"), Db.instant(rs, "valid_from")));
        return new PriceBook(prices);
    }

    public record CatalogEntry(long productId, String sku, String name, String unit, boolean active,
                               BigDecimal price, Instant priceValidFrom, BigDecimal stock) {
    }

    /** The branch's current catalog, with the price valid now and the stock on hand. */
    @Transactional(readOnly = true)
    public List<CatalogEntry> catalog(long branchId, Collection<Long> onlyProducts) {
        String filter = onlyProducts == null ? "" : " AND p.id IN (:ids)";
        if (onlyProducts != null && onlyProducts.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource params = new MapSqlParameterSource("branch", branchId).addValue("now", Db.ts(clock.instant()));
        if (onlyProducts != null) {
            params.addValue("ids", onlyProducts);
        }
        return jdbc.query("""
                SELECT p.id, p.sku, p.name, p.unit, p.active, bp.price, bp.valid_from, s.quantity
                FROM products p
                JOIN branches b ON b.id = :branch AND b.merchant_id = p.merchant_id
                LEFT JOIN branch_prices bp ON bp.branch_id = b.id AND bp.product_id = p.id AND bp.valid_from = (
                    SELECT MAX(x.valid_from) FROM branch_prices x
                    WHERE x.branch_id = b.id AND x.product_id = p.id AND x.valid_from <= :now)
                LEFT JOIN stock_levels s ON s.branch_id = b.id AND s.product_id = p.id
                WHERE 1 = 1""" + filter + " ORDER BY p.id",
                params, (rs, i) -> new CatalogEntry(rs.getLong("id"), rs.getString("sku"), rs.getString("name"), rs.getString("unit"),
                        rs.getBoolean("active"), rs.getBigDecimal("price"), Db.instant(rs, "valid_from"), rs.getBigDecimal("quantity")));
    }

    /** A new price for a branch from a moment on; tills learn it through their next pull. */
    @Transactional
    public void setPrice(long branchId, long productId, BigDecimal price, Instant validFrom) {
        if (price == null || price.signum() < 0 || price.scale() > 2) {
            throw new IllegalArgumentException("A price is a non-negative amount with at most 2 decimals");
        }
        jdbc.update("INSERT INTO branch_prices (branch_id, product_id, price, valid_from, created_at) VALUES (:b, :p, :price, :from, :now) "
                        + "ON DUPLICATE KEY UPDATE price = VALUES(price)",
                Map.of("b", branchId, "p", productId, "price", price, "from", Db.ts(validFrom), "now", Db.ts(clock.instant())));
        feed.record(branchId, ChangeFeed.PRODUCT, List.of(Long.toString(productId)));
    }
}
