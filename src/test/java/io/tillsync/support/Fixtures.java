package io.tillsync.support;

import io.tillsync.catalog.CatalogService;
import io.tillsync.security.Role;
import io.tillsync.security.UserService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Store managers and conflicts made the way production makes them: users through the user service, conflicts through the device API. */
@Component
public class Fixtures {

    public static final String MANAGER_PASSWORD = "Kopi-Susu-Gula-Aren-2025";

    private final UserService users;
    private final CatalogService catalog;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    Fixtures(UserService users, CatalogService catalog, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.users = users;
        this.catalog = catalog;
    }

    public long branchId(String code) {
        return catalog.branchByCode(code).orElseThrow().id();
    }

    /** A manager of the given branches, with a fresh name. */
    public String manager(String... branchCodes) {
        String name = "mgr-" + UUID.randomUUID().toString().substring(0, 8);
        asAdmin(() -> users.create(name, "Store manager " + String.join(", ", branchCodes), MANAGER_PASSWORD, Role.MANAGER,
                java.util.Arrays.stream(branchCodes).map(this::branchId).collect(java.util.stream.Collectors.toSet())));
        return name;
    }

    /** A product of the branch and its whole-rupiah price valid now: {product id, price}, for a sale that books plainly. */
    public long[] pricedProduct(String branchCode) {
        Map<String, Object> p = jdbc.queryForMap("SELECT bp.product_id, CAST(bp.price AS SIGNED) price FROM branch_prices bp "
                + "JOIN branches b ON b.id = bp.branch_id WHERE b.code = ? AND bp.valid_from <= UTC_TIMESTAMP() "
                + "ORDER BY bp.valid_from DESC, bp.product_id LIMIT 1", branchCode);
        return new long[] {((Number) p.get("product_id")).longValue(), ((Number) p.get("price")).longValue()};
    }

    /** Runs a role-checked service call as the admin, outside any request. */
    public <T> T asAdmin(java.util.function.Supplier<T> call) {
        Authentication before = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        try {
            return call.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(before);
        }
    }

    public record Raised(String deviceId, String token, String conflictId, String offlineReference) {
    }

    /** A sale whose grand total does not add up: the branch's policy leaves it to a manager. */
    public static Raised totalsMismatch(ApiClient api, String branchCode) {
        String device = Sales.newDeviceId();
        String token = api.enroll(device, branchCode);
        return totalsMismatch(api, device, token, branchCode, 1);
    }

    public static Raised totalsMismatch(ApiClient api, String device, String token, String branchCode, int seq) {
        Map<String, Object> sale = Sales.sale(device, "20251013", seq, List.of(Sales.line(1238, 2, 15000), Sales.line(1240, 1, 5000)));
        sale.put("branch_code", branchCode);
        sale.put("grand_total", 39000);
        ApiClient.Response r = api.sync(token, Sales.batch(device, List.of(sale)));
        if (r.status() != 200 || r.data().get("conflicts").isEmpty()) {
            throw new IllegalStateException("expected a conflict: " + r.raw());
        }
        return new Raised(device, token, r.data().get("conflicts").get(0).get("conflict_id").asString(),
                (String) sale.get("offline_reference"));
    }

    public record Till(String deviceId, String token) {
    }

    /** A new till of the demo branch that sent sales 1, 2 and 5 of 13 October 2025: numbers 3 and 4 are missing. */
    public static Till tillMissingSales3And4(ApiClient api) {
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        api.sync(token, Sales.batch(device, List.of(Sales.sale(device, 1, 1238, 1, 15000), Sales.sale(device, 2, 1238, 1, 15000),
                Sales.sale(device, 5, 1238, 1, 15000))));
        return new Till(device, token);
    }

    /** A new till of the branch that has booked one plain sale (two of product 1238 at 15,000); its device id. */
    public static String tillWithOneSale(ApiClient api, String branchCode) {
        String till = Sales.newDeviceId();
        String token = api.enroll(till, branchCode);
        Map<String, Object> sale = Sales.sale(till, 1, 1238, 2, 15000);
        sale.put("branch_code", branchCode);
        ApiClient.Response r = api.sync(token, Sales.batch(till, List.of(sale)));
        if (r.status() != 200 || !r.result(0).get("success").asBoolean()) {
            throw new IllegalStateException("expected the sale booked: " + r.raw());
        }
        return till;
    }
}
