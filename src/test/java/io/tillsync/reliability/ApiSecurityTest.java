package io.tillsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.security.Role;
import io.tillsync.security.UserService;
import io.tillsync.support.SyncTestBase;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The OWASP API Security Top 10, as far as Tillsync's API is concerned: object and property
 * level authorization, authentication, resource consumption, function level authorization and
 * misconfiguration. LimitsAndAuthTest and ResolutionTest hold the basic cases; these add the rest.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiSecurityTest extends SyncTestBase {

    private static final String MANAGER_PASSWORD = "Kasir-Cabang-2025!";

    @Autowired
    UserService users;

    private long branchId(String code) {
        return jdbc.queryForObject("SELECT id FROM branches WHERE code = ?", Long.class, code);
    }

    /** A back-office manager, created the way an admin does it in the back-office. */
    private String manager(String branchCode) {
        String name = "mgr-" + UUID.randomUUID().toString().substring(0, 8);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        SecurityContextHolder.setContext(context);
        try {
            users.create(name, "Manager " + branchCode, MANAGER_PASSWORD, Role.MANAGER, Set.of(branchId(branchCode)));
        } finally {
            SecurityContextHolder.clearContext();
        }
        return name;
    }

    private Map<String, Object> sale() {
        return sale(1238, 1, 15000);
    }

    private String openConflict() {
        return mismatched(sale());
    }

    private String conflictStatus(String conflictId) {
        return jdbc.queryForObject("SELECT status FROM offline_conflicts WHERE conflict_id = ?", String.class, conflictId);
    }

    // ------------------------------------------------------------ API1 object level authorization

    @Test
    void a_manager_of_another_branch_gets_404_for_a_conflict_and_changes_nothing() {
        String conflict = openConflict();
        String stranger = manager(TestData.OTHER_BRANCH);

        ApiClient.Response r = resolve(ApiClient.basic(stranger, MANAGER_PASSWORD), conflict, "{\"strategy\":\"keep_local\"}");

        assertThat(r.status()).as(r.raw()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("conflict_not_found");
        assertThat(conflictStatus(conflict)).isEqualTo("open");
        assertThat(salesOfDevice()).isZero();
    }

    @Test
    void a_manager_of_the_branch_resolves_its_conflict_over_http_basic() {
        String conflict = openConflict();
        String own = manager(TestData.BRANCH);

        ApiClient.Response r = resolve(ApiClient.basic(own, MANAGER_PASSWORD), conflict, "{\"strategy\":\"keep_server\"}");

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT resolved_by_name FROM offline_conflicts WHERE conflict_id = ?", String.class, conflict))
                .contains(own);
    }

    @Test
    void a_conflict_id_that_does_not_exist_and_one_of_another_branch_answer_alike() {
        String other = Sales.newDeviceId();
        String otherToken = api.enroll(other, TestData.OTHER_BRANCH);
        String conflict = openConflict();

        ApiClient.Response foreign = resolve("Bearer " + otherToken, conflict, "{\"strategy\":\"keep_server\"}");
        ApiClient.Response unknown = resolve("Bearer " + otherToken, UUID.randomUUID().toString(), "{\"strategy\":\"keep_server\"}");

        // no oracle: a stranger cannot tell an existing conflict from a made-up id
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.raw()).isEqualTo(unknown.raw());
        assertThat(conflictStatus(conflict)).isEqualTo("open");
    }

    // ------------------------------------------------------------ API5 function level authorization

    @Test
    void a_manager_may_not_use_the_admin_api() {
        String own = manager(TestData.BRANCH);

        ApiClient.Response r = api.post("/api/v1/admin/devices", ApiClient.basic(own, MANAGER_PASSWORD),
                "{\"device_id\":\"MGR-DEVICE\",\"branch_code\":\"" + TestData.BRANCH + "\"}");
        ApiClient.Response rotate = api.post("/api/v1/admin/devices/" + device + "/rotate", ApiClient.basic(own, MANAGER_PASSWORD), "");

        assertThat(r.status()).isEqualTo(403);
        assertThat(rotate.status()).isEqualTo(403);
        assertThat(push(List.of(sale())).status()).as("the device's token still works").isEqualTo(200);
    }

    @Test
    void a_device_token_cannot_call_the_admin_api_or_the_operations_endpoints() {
        assertThat(api.post("/api/v1/admin/devices/" + device + "/rotate", "Bearer " + token, "").status()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus", "Bearer " + token).status()).isEqualTo(401);
    }

    // ------------------------------------------------------------ API2 broken authentication

    @Test
    void after_five_wrong_passwords_even_the_right_one_is_refused_from_that_address() {
        String victim = manager(TestData.BRANCH);
        String right = ApiClient.basic(victim, MANAGER_PASSWORD);
        String conflict = openConflict();
        // authenticated, but not an admin: 403 shows the password was accepted
        assertThat(api.post("/api/v1/admin/devices", right, "{}").status()).isEqualTo(403);

        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/admin/devices", ApiClient.basic(victim, "guess-number-" + i), "{}").status()).isEqualTo(401);
        }

        // refused unchecked, and said so: 429 with Retry-After (another address could still sign in, see SharedThrottleTest)
        ApiClient.Response held = api.post("/api/v1/admin/devices", right, "{}");
        assertThat(held.status()).isEqualTo(429);
        assertThat(held.errorCode()).isEqualTo("too_many_attempts");
        assertThat(resolve(right, conflict, "{\"strategy\":\"keep_server\"}").status()).isEqualTo(429);
        assertThat(conflictStatus(conflict)).isEqualTo("open");
        // the wait is per user and address: the admin is not locked out by someone guessing a manager's password
        assertThat(api.post("/api/v1/admin/devices/" + device + "/rotate", ApiClient.adminAuth(), "").status()).isEqualTo(200);
    }

    @Test
    void a_token_is_refused_in_the_url_and_in_other_schemes() {
        String body = ApiClient.JSON.writeValueAsString(Sales.batch(device, List.of(sale())));

        assertThat(api.get("/api/v1/pos/offline/changes?access_token=" + token, null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/pos/offline/changes?token=" + token, null).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/pos/offline/batch-sync", "Token " + token, body).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/pos/offline/batch-sync", ApiClient.basic(device, token), body).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/pos/offline/batch-sync", "Bearer " + token.substring(0, token.length() - 2), body).status())
                .isEqualTo(401);
        assertThat(salesOfDevice()).isZero();
    }

    @Test
    void a_rotated_token_stops_working_mid_stream_and_nothing_more_is_written_with_it() {
        assertThat(push(List.of(sale())).status()).isEqualTo(200);
        api.post("/api/v1/admin/devices/" + device + "/rotate", ApiClient.adminAuth(), "");

        assertThat(push(List.of(sale())).status()).isEqualTo(401);
        assertThat(api.changes(token, null).status()).isEqualTo(401);
        assertThat(resolve("Bearer " + token, UUID.randomUUID().toString(), "{\"strategy\":\"keep_server\"}").status()).isEqualTo(401);
        assertThat(salesOfDevice()).isEqualTo(1);
    }

    @Test
    void tokens_and_passwords_never_reach_the_log(CapturedOutput output) {
        String wrongPassword = "Wr0ng-" + UUID.randomUUID();
        String own = manager(TestData.BRANCH);
        push(List.of(sale()));
        api.post("/api/v1/pos/offline/batch-sync", "Bearer " + token, "{\"transactions\": [");
        api.post("/api/v1/admin/devices", ApiClient.basic("admin", wrongPassword), "{}");
        api.post("/api/v1/admin/devices", ApiClient.basic(own, MANAGER_PASSWORD), "{}");
        api.get("/api/v1/pos/offline/changes?access_token=" + token, null);
        String rotated = api.post("/api/v1/admin/devices/" + device + "/rotate", ApiClient.adminAuth(), "").data().get("token").asString();
        api.sync(token, Sales.batch(device, List.of(sale())));
        api.sync(rotated, Sales.batch(device, List.of(sale())));
        api.post("/api/v1/admin/devices/" + device + "/revoke", ApiClient.adminAuth(), "");
        api.sync(rotated, Sales.batch(device, List.of(sale())));

        String secret = token.substring(token.lastIndexOf('_') + 1);
        String rotatedSecret = rotated.substring(rotated.lastIndexOf('_') + 1);
        assertThat(output.getAll()).doesNotContain(secret).doesNotContain(rotatedSecret)
                .doesNotContain(wrongPassword).doesNotContain(MANAGER_PASSWORD).doesNotContain(TestData.ADMIN_PASSWORD);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM devices WHERE token_hash LIKE ? OR token_prefix LIKE ?", Integer.class,
                "%" + secret + "%", "%" + secret + "%")).as("only a hash of the token is stored").isZero();
    }

    // ------------------------------------------------------------ API4 unrestricted resource consumption

    @Test
    void a_device_that_floods_gets_429_with_retry_after_and_other_devices_are_not_slowed() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest changes = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/pos/offline/changes"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                sent.add(pool.submit(() -> http.send(changes, HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<HttpResponse<String>> f : sent) {
                answers.add(f.get());
            }
        }

        List<HttpResponse<String>> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(answers).allMatch(r -> r.statusCode() == 200 || r.statusCode() == 429);
        assertThat(answers.stream().filter(r -> r.statusCode() == 200).count()).isGreaterThanOrEqualTo(40);
        assertThat(limited).isNotEmpty();
        HttpResponse<String> one = limited.getFirst();
        assertThat(one.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(ApiClient.JSON.readTree(one.body()).path("error").path("code").asString()).isEqualTo("rate_limited");
        assertThat(ApiClient.JSON.readTree(one.body()).path("code").asInt()).isEqualTo(429);

        String other = Sales.newDeviceId();
        String otherToken = api.enroll(other, TestData.BRANCH);
        assertThat(api.changes(otherToken, null).status()).isEqualTo(200);
        Thread.sleep(1_100);
        assertThat(api.changes(token, null).status()).as("the bucket refills").isEqualTo(200);
    }

    @Test
    void strings_over_their_limits_are_item_errors_naming_the_field_and_the_rest_is_booked() {
        Map<String, Object> longReference = sale();
        longReference.put("offline_reference", device + "-20251013-" + "9".repeat(120));
        Map<String, Object> longId = sale();
        longId.put("offline_id", "x".repeat(65));
        Map<String, Object> longMethod = sale();
        longMethod.put("payment_method", "Q".repeat(31));
        Map<String, Object> longGateway = sale();
        longGateway.put("gateway_reference", "g".repeat(101));
        Map<String, Object> good = sale();
        Map<String, Object> longReason = Sales.voidOf(good.get("offline_id"));
        longReason.put("reason", "r".repeat(10_000));

        ApiClient.Response r = api.sync(token, Sales.batch(device, List.of(longReference, longId, longMethod, longGateway, good),
                List.of(), List.of(longReason)));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<String> fields = List.of("offline_reference", "offline_id", "payment_method", "gateway_reference");
        for (int i = 0; i < fields.size(); i++) {
            assertThat(r.result(i).get("success").asBoolean()).isFalse();
            assertThat(r.result(i).get("error").get("field").asString()).isEqualTo(fields.get(i));
        }
        assertThat(r.result(4).get("success").asBoolean()).isTrue();
        assertThat(r.result(5).get("error").get("field").asString()).isEqualTo("reason");
        assertThat(salesOfDevice()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM voids WHERE device_id = ?", Integer.class, device)).isZero();
    }

    @Test
    void nesting_and_number_lengths_past_the_parser_limits_are_refused_whole() {
        String json = ApiClient.JSON.writeValueAsString(Sales.batch(device, List.of(sale())));
        String deep = json.replace("\"status\":\"paid\"", "\"status\":\"paid\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000));
        String longNumber = json.replaceFirst("\"quantity\":1", "\"quantity\":" + "1".repeat(100_000));

        ApiClient.Response nested = api.sync(token, deep);
        ApiClient.Response number = api.sync(token, longNumber);

        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.errorCode()).isEqualTo("malformed_json");
        assertThat(number.status()).isEqualTo(400);
        assertThat(salesOfDevice()).isZero();
    }

    // ------------------------------------------------------------ API3 object property level authorization

    @Test
    void fields_only_the_server_sets_are_ignored_in_a_sale() {
        // other tests sell product 1238 too: enough stock that no stock conflict sets conflict_id here
        jdbc.update("UPDATE stock_levels SET quantity = 1000000 WHERE product_id = 1238");
        long otherBranch = branchId(TestData.OTHER_BRANCH);
        Map<String, Object> sale = sale();
        sale.put("server_id", 1);
        sale.put("id", 1);
        sale.put("transaction_code", "TRX-EVIL-0001");
        sale.put("price_variance", 999999);
        sale.put("conflict_id", UUID.randomUUID().toString());
        sale.put("conflict_detected", true);
        sale.put("auto_resolved", true);
        sale.put("resolution_strategy", "keep_local");
        sale.put("voided_at", "2025-10-13T10:31:00Z");
        sale.put("received_at", "2000-01-01T00:00:00Z");
        sale.put("fingerprint", "0".repeat(64));
        sale.put("branch_id", otherBranch);
        sale.put("device_pk", 1);
        sale.put("replayed", true);

        ApiClient.Response r = push(List.of(sale));

        assertThat(r.result(0).get("success").asBoolean()).as(r.raw()).isTrue();
        assertThat(r.result(0).get("replayed").asBoolean()).isFalse();
        Map<String, Object> row = jdbc.queryForMap("SELECT id, transaction_code, price_variance, conflict_id, voided_at, status, "
                + "branch_id, device_pk, received_at FROM transactions WHERE offline_id = ?", sale.get("offline_id"));
        assertThat(((Number) row.get("id")).longValue()).isNotEqualTo(1L).isEqualTo(r.result(0).get("server_id").asLong());
        assertThat((String) row.get("transaction_code")).startsWith("TRX-MC01-" + TestData.BRANCH);
        assertThat(new java.math.BigDecimal(row.get("price_variance").toString())).isZero();
        assertThat(row.get("conflict_id")).isNull();
        assertThat(row.get("voided_at")).isNull();
        assertThat(row.get("status")).isEqualTo("paid");
        assertThat(((Number) row.get("branch_id")).longValue()).isEqualTo(branchId(TestData.BRANCH));
        assertThat(((Number) row.get("device_pk")).longValue()).isNotEqualTo(1L);
        assertThat(((java.sql.Timestamp) row.get("received_at")).toInstant()).isAfter(java.time.Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM offline_conflicts WHERE device_id = ?", Integer.class, device)).isZero();
    }

    @Test
    void a_sale_cannot_arrive_already_voided_and_a_payment_cannot_name_a_sale_by_server_id() {
        Map<String, Object> voided = sale();
        voided.put("status", "voided");
        Map<String, Object> mine = sale();
        ApiClient.Response first = push(List.of(voided, mine));
        assertThat(first.result(0).get("error").get("field").asString()).as(first.raw()).isEqualTo("status");

        String other = Sales.newDeviceId();
        String otherToken = api.enroll(other, TestData.BRANCH);
        Map<String, Object> theirs = Sales.sale(other, 1, 1238, 1, 15000);
        long theirId = api.sync(otherToken, Sales.batch(other, List.of(theirs))).result(0).get("server_id").asLong();
        Map<String, Object> payment = Sales.payment(mine.get("offline_id"), 16500, "CASH");
        payment.put("transaction_id", theirId);
        payment.put("server_id", theirId);

        ApiClient.Response paid = api.sync(token, Sales.batch(device, List.of(), List.of(payment), List.of()));

        assertThat(paid.result(0).get("success").asBoolean()).as(paid.raw()).isTrue();
        assertThat(jdbc.queryForObject("SELECT t.offline_id FROM payments p JOIN transactions t ON t.id = p.transaction_id "
                + "WHERE p.offline_id = ?", String.class, payment.get("offline_id"))).isEqualTo(mine.get("offline_id"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payments WHERE transaction_id = ?", Integer.class, theirId)).isZero();
        assertThat(salesOfDevice()).isEqualTo(1);
    }

    @Test
    void a_resolve_body_cannot_set_the_conflicts_state_or_author() {
        String conflict = openConflict();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("strategy", "keep_server");
        body.put("status", "open");
        body.put("resolved_by", 1);
        body.put("resolved_by_name", "user:admin");
        body.put("auto_resolved", true);
        body.put("outcome", "rejected");
        body.put("booked_id", 1);

        ApiClient.Response r = resolve("Bearer " + token, conflict, ApiClient.JSON.writeValueAsString(body));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        Map<String, Object> row = jdbc.queryForMap("SELECT status, resolved_by_name, auto_resolved, outcome, booked_id "
                + "FROM offline_conflicts WHERE conflict_id = ?", conflict);
        assertThat(row.get("status")).isEqualTo("resolved");
        assertThat(row.get("resolved_by_name")).isEqualTo("device:" + device);
        assertThat(row.get("auto_resolved")).isIn(false, 0, (byte) 0);
        // keep_server on a mismatch books the server's computation, whatever outcome and id the body claims
        assertThat(row.get("outcome")).isEqualTo("booked");
        assertThat(((Number) row.get("booked_id")).longValue()).isEqualTo(
                jdbc.queryForObject("SELECT id FROM transactions WHERE device_id = ?", Long.class, device)).isNotEqualTo(1L);
        assertThat(salesOfDevice()).isEqualTo(1);
    }

    @Test
    void an_enrollment_cannot_choose_its_token() {
        String chosen = "tsd_000000000000_" + "A".repeat(43);
        String id = Sales.newDeviceId();

        ApiClient.Response r = api.post("/api/v1/admin/devices", ApiClient.adminAuth(), "{\"device_id\":\"" + id + "\",\"branch_code\":\""
                + TestData.BRANCH + "\",\"token\":\"" + chosen + "\",\"status\":\"ACTIVE\",\"token_hash\":\"00\"}");

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.data().get("token").asString()).isNotEqualTo(chosen);
        assertThat(api.changes(chosen, null).status()).isEqualTo(401);
    }

    // ------------------------------------------------------------ API8 security misconfiguration

    @Test
    void a_back_office_session_keeps_csrf_protection_and_a_new_session_id_after_login() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(api.base() + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String before = sessionCookie(page).orElse("");
        // Vaadin's login form posts without a CSRF token by design; everything after it needs one
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(api.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", before)
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + TestData.ADMIN_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String session = sessionCookie(login).orElseThrow();
        assertThat(session).as("session fixation: the id changes at login").isNotEqualTo(before);

        HttpResponse<String> logout = http.send(HttpRequest.newBuilder(URI.create(api.base() + "/logout"))
                .header("Cookie", session).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(api.base() + "/logout"))
                .header("Cookie", session).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-CSRF-TOKEN", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + UUID.randomUUID())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(logout.statusCode()).as("a POST without the CSRF token").isEqualTo(403);
        assertThat(forged.statusCode()).as("a POST with a forged CSRF token").isEqualTo(403);
        HttpResponse<String> stillIn = http.send(HttpRequest.newBuilder(URI.create(api.base() + "/")).header("Cookie", session).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stillIn.statusCode()).as("the forged logouts did nothing").isEqualTo(200);
    }

    private static java.util.Optional<String> sessionCookie(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst();
    }

    @Test
    void api_errors_carry_no_internals_and_api_answers_are_not_cached() throws Exception {
        HttpClient http = HttpClient.newBuilder().build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/pos/offline/changes"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> error = http.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/pos/offline/nope"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(error.statusCode()).isIn(403, 404);
        assertThat(error.body()).doesNotContain("Exception").doesNotContain("tools.jackson").doesNotContain("org.springframework");
    }
}
