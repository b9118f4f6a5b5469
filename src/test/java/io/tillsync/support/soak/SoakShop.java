package io.tillsync.support.soak;

import io.tillsync.support.ApiClient;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo shop the soaks sell in, on the nodes they start themselves: its two branches, the
 * products the tills sell, enrolment through the admin API, and the stock the ledgers are
 * checked against.
 */
public final class SoakShop {

    /** What the soaks start their nodes with, so they can enrol tills. */
    public static final String ADMIN_PASSWORD = "Kopi-Susu-Gula-Aren-2025";
    /** Senopati allows selling below zero: a sale of a product that ran out is booked and its conflict settled by policy. */
    public static final String ALLOWS = "BRN-MST-OSK00001";
    /** Kemang forbids it: such a sale waits, as an open conflict, for the manager. */
    public static final String FORBIDS = "BRN-MST-OSK00002";
    /** {product id, unit price}: products 1238..1249 cost the same in both branches. */
    public static final long[][] CATALOG = {{1238, 15000}, {1239, 8000}, {1240, 5000}, {1241, 18000}, {1242, 32000}, {1243, 27000},
            {1244, 12000}, {1245, 10000}, {1246, 7500}, {1247, 10000}, {1248, 22000}, {1249, 35000}};
    /** Not in the catalog: a sale with it waits for a manager, who can only merge it without that line or reject it. */
    public static final long UNKNOWN_PRODUCT = 99999;
    /** The stock of every product that is not meant to run out. */
    public static final BigDecimal PLENTY = new BigDecimal("100000000");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where the soak's database is; a cluster's connection waits for every commit made before it. */
    @FunctionalInterface
    public interface Database {
        Connection connect() throws SQLException;
    }

    private SoakShop() {
    }

    /** Enrols a till in a branch as the admin; returns its token. */
    public static String enroll(HttpClient http, String base, String deviceId, String branch) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/devices"))
                .header("Content-Type", "application/json")
                .header("Authorization", ApiClient.basic("admin", ADMIN_PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString("{\"device_id\":\"" + deviceId + "\",\"branch_code\":\"" + branch + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("enroll failed: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("data").path("token").asString();
    }

    /** Sets {@link #PLENTY} of everything in every branch, except {@code low} of the products each branch lets run out. */
    public static void stockUp(Database db, Map<String, Set<Long>> runOut, long low) throws SQLException {
        String cases = runOut.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> " WHEN b.code = '" + e.getKey() + "' AND s.product_id IN ("
                        + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(",")) + ") THEN " + low)
                .collect(Collectors.joining());
        String quantity = cases.isEmpty() ? PLENTY.toPlainString() : "CASE" + cases + " ELSE " + PLENTY.toPlainString() + " END";
        try (Connection c = db.connect()) {
            c.createStatement().executeUpdate("UPDATE stock_levels s JOIN branches b ON b.id = s.branch_id SET s.quantity = " + quantity);
        }
    }

    /** Stock of both branches, keyed "branch code/product id". */
    public static Map<String, BigDecimal> stock(Database db) throws SQLException {
        Map<String, BigDecimal> stock = new HashMap<>();
        try (Connection c = db.connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT b.code, s.product_id, s.quantity FROM stock_levels s "
                     + "JOIN branches b ON b.id = s.branch_id WHERE b.code IN ('" + ALLOWS + "', '" + FORBIDS + "')")) {
            while (rs.next()) {
                stock.put(rs.getString(1) + "/" + rs.getLong(2), rs.getBigDecimal(3));
            }
        }
        return stock;
    }
}
