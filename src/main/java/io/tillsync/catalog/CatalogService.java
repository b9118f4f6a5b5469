package io.tillsync.catalog;

import java.math.BigDecimal;
import io.tillsync.base.Db;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Branches, products, prices and stock as the sync path needs them: bulk reads per batch
 * and atomic stock updates, so a batch costs a constant number of round trips.
 */
@Service
public class CatalogService {

    private final NamedParameterJdbcTemplate jdbc;
    private final BranchRepository branches;

    CatalogService(NamedParameterJdbcTemplate jdbc, BranchRepository branches) {
        this.jdbc = jdbc;
        this.branches = branches;
    }

    @Transactional(readOnly = true)
    public Optional<Branch> branch(long id) {
        return branches.findById(id);
    }

    @Transactional(readOnly = true)
    public Optional<Branch> branchByCode(String code) {
        return branches.findByCode(code);
    }

    @Transactional(readOnly = true)
    public List<Branch> allBranches() {
        return branches.findAll(org.springframework.data.domain.Sort.by("code"));
    }

    public Map<Long, ProductInfo> products(Collection<Long> ids) {
        Map<Long, ProductInfo> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.query("SELECT id, merchant_id, sku, name, unit, active FROM products WHERE id IN (:ids)",
                Map.of("ids", ids), rs -> {
                    result.put(rs.getLong(1), new ProductInfo(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getBoolean(6)));
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
                (rs, i) -> new PriceBook.Price(rs.getLong(1), rs.getBigDecimal(2), Db.instant(rs, 3)));
        return new PriceBook(prices);
    }

    public Map<Long, BigDecimal> stock(long branchId, Collection<Long> productIds) {
        Map<Long, BigDecimal> result = new HashMap<>();
        if (productIds.isEmpty()) {
            return result;
        }
        jdbc.query("SELECT product_id, quantity FROM stock_levels WHERE branch_id = :branch AND product_id IN (:ids)",
                Map.of("branch", branchId, "ids", productIds),
                rs -> {
                    result.put(rs.getLong(1), rs.getBigDecimal(2));
                });
        return result;
    }

    /**
     * Moves stock by the given deltas in one statement per product, in product order so two
     * batches touching the same products lock them in the same order. {@code qty = qty + ?}
     * runs inside the database: no read-modify-write, no lost update.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void applyStockDeltas(long branchId, Map<Long, BigDecimal> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        List<MapSqlParameterSource> params = new ArrayList<>();
        new TreeMap<>(deltas).forEach((product, delta) -> params.add(new MapSqlParameterSource()
                .addValue("branch", branchId).addValue("product", product).addValue("delta", delta)));
        jdbc.batchUpdate("INSERT INTO stock_levels (branch_id, product_id, quantity) VALUES (:branch, :product, :delta) "
                + "ON DUPLICATE KEY UPDATE quantity = quantity + VALUES(quantity)", params.toArray(MapSqlParameterSource[]::new));
    }

    /**
     * Takes stock only if enough is on hand, atomically: for branches that forbid negative stock.
     * Returns false (and changes nothing) when the stock would go below zero.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean takeStockIfAvailable(long branchId, long productId, BigDecimal quantity) {
        int updated = jdbc.update("UPDATE stock_levels SET quantity = quantity - :qty "
                        + "WHERE branch_id = :branch AND product_id = :product AND quantity >= :qty",
                Map.of("qty", quantity, "branch", branchId, "product", productId));
        return updated == 1;
    }

    /**
     * Appends to a branch's change feed. The counter row stays locked until commit, so change
     * numbers of one branch commit in order and a pull never skips a change committed late.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordChange(long branchId, String kind, String refId) {
        jdbc.update("UPDATE branches SET change_seq = change_seq + 1 WHERE id = :id", Map.of("id", branchId));
        Long seq = jdbc.queryForObject("SELECT change_seq FROM branches WHERE id = :id", Map.of("id", branchId), Long.class);
        jdbc.update("INSERT INTO branch_changes (branch_id, seq, kind, ref_id, changed_at) VALUES (:b, :s, :k, :r, :t)",
                Map.of("b", branchId, "s", seq, "k", kind, "r", refId, "t", Db.ts(Instant.now())));
    }

    public record Change(long seq, String kind, String refId) {
    }

    @Transactional(readOnly = true)
    public List<Change> changesSince(long branchId, long since, int limit) {
        return jdbc.query("SELECT seq, kind, ref_id FROM branch_changes WHERE branch_id = :b AND seq > :s ORDER BY seq LIMIT :l",
                Map.of("b", branchId, "s", since, "l", limit), (rs, i) -> new Change(rs.getLong(1), rs.getString(2), rs.getString(3)));
    }

    @Transactional(readOnly = true)
    public long currentChangeSeq(long branchId) {
        Long seq = jdbc.queryForObject("SELECT change_seq FROM branches WHERE id = :id", Map.of("id", branchId), Long.class);
        return seq == null ? 0 : seq;
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
        MapSqlParameterSource params = new MapSqlParameterSource("branch", branchId).addValue("now", Db.ts(Instant.now()));
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
                params, (rs, i) -> new CatalogEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getBigDecimal(6),
                        Db.instant(rs, 7), rs.getBigDecimal(8)));
    }

    /** A new price for a branch from a moment on; tills learn it through their next pull. */
    @Transactional
    public void setPrice(long branchId, long productId, BigDecimal price, Instant validFrom) {
        if (price == null || price.signum() < 0 || price.scale() > 2) {
            throw new IllegalArgumentException("A price is a non-negative amount with at most 2 decimals");
        }
        jdbc.update("INSERT INTO branch_prices (branch_id, product_id, price, valid_from, created_at) VALUES (:b, :p, :price, :from, :now) "
                        + "ON DUPLICATE KEY UPDATE price = VALUES(price)",
                Map.of("b", branchId, "p", productId, "price", price, "from", Db.ts(validFrom), "now", Db.ts(Instant.now())));
        recordChange(branchId, "product", Long.toString(productId));
    }
}
