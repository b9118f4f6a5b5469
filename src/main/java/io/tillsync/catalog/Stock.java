package io.tillsync.catalog;

import io.tillsync.base.TryAgainAtOnce;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one owner of stock on hand. Every change of stock goes through here, and every one locks a
 * branch's stock rows the same way: all rows a transaction needs at once, in product order, as
 * exclusive locks from the start ({@code FOR UPDATE}), then one {@code quantity = quantity + ?}
 * per product. Two batches selling the same products therefore queue on the first product instead
 * of deadlocking; {@code INSERT … ON DUPLICATE KEY UPDATE} was avoided because it takes a shared
 * lock first, and two waiters that both get it both want to upgrade it.
 */
@Service
public class Stock {

    private final NamedParameterJdbcTemplate jdbc;
    private final ChangeFeed feed;

    Stock(NamedParameterJdbcTemplate jdbc, ChangeFeed feed) {
        this.jdbc = jdbc;
        this.feed = feed;
    }

    /** A product that would go below zero: what was on hand when the sale came to it, and what the sale wanted. */
    public record Shortage(long productId, BigDecimal onHand, BigDecimal wanted) {
    }

    /** One sale's stock: whether it took its products, and which of them ran short. */
    public record Verdict(boolean taken, List<Shortage> shortages) {

        /** Taken or not alike, short of the same products (and by the same figures, when {@code exactly}). */
        boolean sameDecision(Verdict other, boolean exactly) {
            if (taken != other.taken || shortages.size() != other.shortages.size()) {
                return false;
            }
            for (int i = 0; i < shortages.size(); i++) {
                Shortage a = shortages.get(i);
                Shortage b = other.shortages.get(i);
                if (a.productId() != b.productId() || exactly && a.onHand().compareTo(b.onHand()) != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Decides and applies the stock effect of a batch's sales, in their order. A sale whose products
     * are all on hand takes them. One that would take a product below zero takes them anyway when
     * {@code shortAllowed} (the branch allows negative stock and its policy settles it), and takes
     * nothing otherwise; either way its verdict lists the shortages. Each demand maps product to quantity.
     * The rows stay locked to the commit: see {@link #plan} for the way that holds them only at its end.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Verdict> take(long branchId, List<Map<Long, BigDecimal>> demands, boolean shortAllowed) {
        Map<Long, BigDecimal> deltas = new TreeMap<>();
        List<Verdict> verdicts = decide(lock(branchId, products(demands)), demands, shortAllowed, deltas);
        write(branchId, deltas);
        return verdicts;
    }

    /**
     * The same decision as {@link #take}, made on stock as last committed and without a lock, so a
     * batch can book its sales and record its conflicts while other batches of the branch sell the
     * same products. {@link #settle} applies it as the batch's last write before the commit: the
     * stock rows are then held for the moment of the commit only, not for the whole batch.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Plan plan(long branchId, List<Map<Long, BigDecimal>> demands, boolean shortAllowed) {
        TreeSet<Long> products = products(demands);
        Map<Long, BigDecimal> onHand = onHand(branchId, products);
        products.forEach(p -> onHand.putIfAbsent(p, BigDecimal.ZERO));
        return new Plan(branchId, demands, shortAllowed, decide(onHand, demands, shortAllowed, new TreeMap<>()));
    }

    /**
     * Applies a plan: locks its rows in product order, decides again on what they hold now, and
     * writes the movement if every sale's decision stands (taken or not, short of the same
     * products). If one does not, because another batch sold or delivered meanwhile, nothing is
     * written and {@link Moved} is thrown: the caller rolls back and tries the batch again with
     * {@link #take}. The on-hand figures of a shortage are those the decision was made on; in a
     * branch that refuses to sell below zero they must also be unchanged, as they explain a refusal.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void settle(Plan plan) {
        Map<Long, BigDecimal> deltas = new TreeMap<>();
        List<Verdict> now = decide(lock(plan.branchId, products(plan.demands)), plan.demands, plan.shortAllowed, deltas);
        for (int i = 0; i < now.size(); i++) {
            if (!plan.verdicts.get(i).sameDecision(now.get(i), !plan.shortAllowed)) {
                throw new Moved();
            }
        }
        write(plan.branchId, deltas);
    }

    /** A batch's stock decided without locks, to be applied by {@link #settle}. */
    public static final class Plan {
        private final long branchId;
        private final List<Map<Long, BigDecimal>> demands;
        private final boolean shortAllowed;
        private final List<Verdict> verdicts;

        private Plan(long branchId, List<Map<Long, BigDecimal>> demands, boolean shortAllowed, List<Verdict> verdicts) {
            this.branchId = branchId;
            this.demands = demands;
            this.shortAllowed = shortAllowed;
            this.verdicts = verdicts;
        }

        public List<Verdict> verdicts() {
            return verdicts;
        }
    }

    /** Stock moved between a plan and its settling so that a decision changed: the batch is tried again, locking first. */
    public static final class Moved extends TryAgainAtOnce {
        Moved() {
            super("stock changed under the batch's decision");
        }
    }

    private static TreeSet<Long> products(List<Map<Long, BigDecimal>> demands) {
        TreeSet<Long> products = new TreeSet<>();
        demands.forEach(d -> products.addAll(d.keySet()));
        return products;
    }

    /** Each sale's verdict in order, each taking from what the ones before it left; the deltas of those taken are added up. */
    private static List<Verdict> decide(Map<Long, BigDecimal> onHand, List<Map<Long, BigDecimal>> demands, boolean shortAllowed,
                                        Map<Long, BigDecimal> deltas) {
        List<Verdict> verdicts = new ArrayList<>(demands.size());
        for (Map<Long, BigDecimal> demand : demands) {
            List<Shortage> shortages = new ArrayList<>();
            for (var e : new TreeMap<>(demand).entrySet()) {
                BigDecimal have = onHand.get(e.getKey());
                if (have.compareTo(e.getValue()) < 0) {
                    shortages.add(new Shortage(e.getKey(), have, e.getValue()));
                }
            }
            boolean taken = shortages.isEmpty() || shortAllowed;
            if (taken) {
                demand.forEach((product, qty) -> {
                    onHand.merge(product, qty.negate(), BigDecimal::add);
                    deltas.merge(product, qty.negate(), BigDecimal::add);
                });
            }
            verdicts.add(new Verdict(taken, List.copyOf(shortages)));
        }
        return verdicts;
    }

    /** Moves stock by these deltas whatever is on hand: stock given back by a void, or a replaced sale's reversal. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void move(long branchId, Map<Long, BigDecimal> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        lock(branchId, new TreeSet<>(deltas.keySet()));
        write(branchId, new TreeMap<>(deltas));
    }

    /** A delivery (or a count) moves stock up; the branch's tills learn the new levels through their next pull. */
    @Transactional
    public void deliver(long branchId, Map<Long, BigDecimal> deltas) {
        move(branchId, deltas);
        feed.record(branchId, ChangeFeed.PRODUCT, new TreeSet<>(deltas.keySet()).stream().map(String::valueOf).toList());
    }

    /** Stock on hand as last committed, without locking: for display and checks that book nothing. */
    public Map<Long, BigDecimal> onHand(long branchId, Collection<Long> productIds) {
        Map<Long, BigDecimal> result = new HashMap<>();
        if (productIds.isEmpty()) {
            return result;
        }
        jdbc.query("SELECT product_id, quantity FROM stock_levels WHERE branch_id = :branch AND product_id IN (:ids)",
                Map.of("branch", branchId, "ids", productIds), rs -> {
                    result.put(rs.getLong("product_id"), rs.getBigDecimal("quantity"));
                });
        return result;
    }

    /** Locks the rows in product order; a product never stocked in the branch gets its row (at zero) first. */
    private Map<Long, BigDecimal> lock(long branchId, TreeSet<Long> products) {
        Map<Long, BigDecimal> onHand = new HashMap<>();
        if (products.isEmpty()) {
            return onHand;
        }
        String select = "SELECT product_id, quantity FROM stock_levels WHERE branch_id = :branch AND product_id IN (:ids) "
                + "ORDER BY product_id FOR UPDATE";
        jdbc.query(select, Map.of("branch", branchId, "ids", products), rs -> {
            onHand.put(rs.getLong("product_id"), rs.getBigDecimal("quantity"));
        });
        if (onHand.size() < products.size()) {
            List<MapSqlParameterSource> missing = new ArrayList<>();
            for (Long p : products) {
                if (!onHand.containsKey(p)) {
                    missing.add(new MapSqlParameterSource().addValue("branch", branchId).addValue("product", p));
                }
            }
            jdbc.batchUpdate("INSERT IGNORE INTO stock_levels (branch_id, product_id, quantity) VALUES (:branch, :product, 0)",
                    missing.toArray(MapSqlParameterSource[]::new));
            jdbc.query(select, Map.of("branch", branchId, "ids", products), rs -> {
                onHand.put(rs.getLong("product_id"), rs.getBigDecimal("quantity"));
            });
        }
        return onHand;
    }

    private void write(long branchId, Map<Long, BigDecimal> deltas) {
        List<MapSqlParameterSource> params = new ArrayList<>();
        deltas.forEach((product, delta) -> {
            if (delta.signum() != 0) {
                params.add(new MapSqlParameterSource().addValue("branch", branchId).addValue("product", product)
                        .addValue("delta", delta));
            }
        });
        if (!params.isEmpty()) {
            jdbc.batchUpdate("UPDATE stock_levels SET quantity = quantity + :delta WHERE branch_id = :branch AND product_id = :product",
                    params.toArray(MapSqlParameterSource[]::new));
        }
    }
}
