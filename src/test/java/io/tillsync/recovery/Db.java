package io.tillsync.recovery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads of the restore test's database: products to sell, and the state that must come back. */
final class Db {

    private Db() {
    }

    /** Active products with a price and stock in a branch: {id, price}. */
    static List<long[]> products(Connection c, String branch, int max) throws SQLException {
        List<long[]> found = new ArrayList<>();
        try (var s = c.prepareStatement("SELECT p.id, (SELECT bp.price FROM branch_prices bp WHERE bp.branch_id = b.id AND bp.product_id = p.id "
                + "AND bp.valid_from <= UTC_TIMESTAMP() ORDER BY bp.valid_from DESC LIMIT 1) price FROM products p JOIN branches b ON b.code = ? "
                + "JOIN stock_levels sl ON sl.branch_id = b.id AND sl.product_id = p.id WHERE p.active ORDER BY p.id")) {
            s.setString(1, branch);
            try (var rs = s.executeQuery()) {
                while (rs.next() && found.size() < max) {
                    if (rs.getBigDecimal(2) != null && rs.getBigDecimal(2).stripTrailingZeros().scale() <= 0) {
                        found.add(new long[] {rs.getLong(1), rs.getBigDecimal(2).longValueExact()});
                    }
                }
            }
        }
        return found;
    }

    static void setStock(Connection c, String branch, long product, int quantity) throws SQLException {
        try (var s = c.prepareStatement("UPDATE stock_levels SET quantity = ? WHERE product_id = ? AND branch_id = (SELECT id FROM branches WHERE code = ?)")) {
            s.setInt(1, quantity);
            s.setLong(2, product);
            s.setString(3, branch);
            s.executeUpdate();
        }
    }

    /** Rows per sales table and every stock level: what a refill must bring back exactly. */
    static Map<String, Object> state(Connection c) throws SQLException {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String table : List.of("transactions", "transaction_items", "payments", "voids", "offline_conflicts", "stock_movements")) {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                state.put(table, rs.getLong(1));
            }
        }
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT branch_id, product_id, quantity FROM stock_levels ORDER BY 1, 2")) {
            while (rs.next()) {
                state.put("stock " + rs.getLong(1) + "/" + rs.getLong(2), rs.getBigDecimal(3).stripTrailingZeros().toPlainString());
            }
        }
        return state;
    }

    /** How many times an offline id is held: [booked sales, conflicts]. */
    static List<Long> copies(Connection c, String offlineId) throws SQLException {
        try (var s = c.prepareStatement("SELECT (SELECT COUNT(*) FROM transactions WHERE offline_id = ?), "
                + "(SELECT COUNT(*) FROM offline_conflicts WHERE offline_id = ?)")) {
            s.setString(1, offlineId);
            s.setString(2, offlineId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return List.of(rs.getLong(1), rs.getLong(2));
            }
        }
    }
}
