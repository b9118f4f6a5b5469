package io.tillsync.devices.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tillsync.base.ApiEnvelope;
import io.tillsync.base.Rejected;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import io.tillsync.devices.web.PairingThrottle;
import io.tillsync.devices.DeviceService;

/** Pairing by code over real HTTP on MariaDB: issue, pair, refuse, throttle. */
@IntegrationTest
class PairingTest {

    private static final String CODE_SHAPE = "[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PairingThrottle throttle;
    @Autowired
    DeviceService pairing;
    @Autowired
    Fixtures fixtures;

    ApiClient api;
    String device;
    String token;

    @BeforeEach
    void enroll() {
        throttle.clear();
        api = new ApiClient(port);
        device = Sales.newDeviceId();
        token = api.enroll(device, TestData.BRANCH);
    }

    @AfterEach
    void forgetTries() {
        throttle.clear();
        SecurityContextHolder.clearContext();
    }

    private ApiClient.Response issue(String deviceId) {
        return api.post("/api/v1/admin/devices/" + deviceId + "/pairing-code", ApiClient.adminAuth(), "");
    }

    private String code() {
        ApiClient.Response r = issue(device);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.data().get("pairing_code").asString();
    }

    private ApiClient.Response pair(String code) {
        return api.post("/api/v1/pos/pair", null, "{\"pairing_code\":\"" + code + "\"}");
    }

    @Test
    void an_admin_gets_a_code_of_eight_unambiguous_characters_grouped_four_four_valid_ten_minutes_and_stored_as_a_hash() {
        Instant before = Instant.now();
        ApiClient.Response r = issue(device);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().get("code").asInt()).isEqualTo(201);
        String code = r.data().get("pairing_code").asString();
        assertThat(code).matches(CODE_SHAPE);
        Instant expires = Instant.parse(r.data().get("expires_at").asString());
        assertThat(Duration.between(before, expires)).isBetween(Duration.ofMinutes(10).minusSeconds(5), Duration.ofMinutes(10).plusSeconds(5));
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT p.* FROM device_pairing_codes p JOIN devices d ON d.id = p.device_pk "
                + "WHERE d.device_id = ?", device);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("code_hash").toString()).hasSize(64).doesNotContain(code.replace("-", ""));
            assertThat(row.get("issued_by")).isEqualTo("admin");
            assertThat(row.values()).noneMatch(v -> v != null && v.toString().toUpperCase().contains(code.replace("-", "")));
        });
    }

    @Test
    void a_typed_code_pairs_the_device_with_a_new_token_and_its_branch_as_the_pull_describes_it() {
        String code = code();
        // typed on a tablet: lower case, the dash left out, a space in the middle
        String typed = code.toLowerCase().replace("-", " ");

        ApiClient.Response r = pair(typed);

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().get("code").asInt()).isEqualTo(200);
        assertThat(r.data().get("device_id").asString()).isEqualTo(device);
        assertThat(r.data().get("branch_code").asString()).isEqualTo(TestData.BRANCH);
        String fresh = r.data().get("token").asString();
        assertThat(fresh).startsWith("tsd_").isNotEqualTo(token);
        ApiClient.Response pull = api.changes(fresh, null);
        assertThat(pull.status()).isEqualTo(200);
        assertThat(r.data().get("branch")).isEqualTo(pull.data().get("branch"));
        assertThat(r.data().get("branch").get("name").asString()).isEqualTo("Outlet Senopati");
        assertThat(r.data().get("branch").get("merchant_name").asString()).isEqualTo("Toko Kopi Nusantara");
        assertThat(r.data().get("branch").get("address").asString()).contains("Senopati");
        assertThat(r.data().get("branch").get("tax_rate").decimalValue()).isEqualByComparingTo("0.1");
    }

    @Test
    void pairing_makes_every_older_token_of_the_device_stop_working() {
        assertThat(api.changes(token, null).status()).isEqualTo(200);

        String fresh = pair(code()).data().get("token").asString();

        ApiClient.Response old = api.changes(token, null);
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.errorCode()).isEqualTo("invalid_token");
        assertThat(api.changes(fresh, null).status()).isEqualTo(200);
    }

    @Test
    void a_wrong_a_used_and_an_expired_code_get_the_same_answer() {
        String used = code();
        assertThat(pair(used).status()).isEqualTo(200);
        ApiClient.Response usedAgain = pair(used);

        String expired = code();
        jdbc.update("UPDATE device_pairing_codes SET expires_at = ? WHERE device_pk = (SELECT id FROM devices WHERE device_id = ?)",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)), device);
        ApiClient.Response late = pair(expired);

        String other = code();
        String wrong = other.startsWith("A") ? "B" + other.substring(1) : "A" + other.substring(1);
        ApiClient.Response wrongCode = pair(wrong);
        ApiClient.Response nonsense = pair("0000-OOOO");

        for (ApiClient.Response r : List.of(usedAgain, late, wrongCode, nonsense)) {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid_pairing_code");
            assertThat(r.body().path("error").path("field").asString()).isEqualTo("pairing_code");
            assertThat(r.raw()).isEqualTo(usedAgain.raw());
        }
        // the right code still works after the wrong ones
        assertThat(pair(other).status()).isEqualTo(200);
    }

    @Test
    void a_new_code_voids_the_previous_one() {
        String first = code();
        String second = code();

        assertThat(pair(first).errorCode()).isEqualTo("invalid_pairing_code");
        assertThat(pair(second).status()).isEqualTo(200);
    }

    @Test
    void a_revoked_till_is_made_active_again_only_when_the_admin_says_so_and_that_is_recorded() {
        String admin = ApiClient.adminAuth();
        assertThat(api.post("/api/v1/admin/devices/" + device + "/revoke", admin, "").status()).isEqualTo(200);

        ApiClient.Response rotate = api.post("/api/v1/admin/devices/" + device + "/rotate", admin, "");
        ApiClient.Response code = issue(device);
        assertThat(rotate.status()).isEqualTo(409);
        assertThat(rotate.errorCode()).isEqualTo("device_revoked");
        assertThat(code.status()).isEqualTo(409);
        assertThat(code.body().path("error").path("field").asString()).isEqualTo("device_id");
        assertThat(jdbc.queryForObject("SELECT status FROM devices WHERE device_id = ?", String.class, device)).isEqualTo("REVOKED");

        ApiClient.Response confirmed = api.post("/api/v1/admin/devices/" + device + "/pairing-code?confirm_revoked=true", admin, "");
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(201);
        assertThat(pair(confirmed.data().get("pairing_code").asString()).status()).isEqualTo(200);

        assertThat(jdbc.queryForList("SELECT a.action FROM device_audit a JOIN devices d ON d.id = a.device_pk WHERE d.device_id = ? "
                + "ORDER BY a.id", String.class, device)).containsExactly("revoked", "pairing_code_revoked", "paired_revoked");
        assertThat(jdbc.queryForObject("SELECT a.actor FROM device_audit a JOIN devices d ON d.id = a.device_pk WHERE d.device_id = ? "
                + "AND a.action = 'pairing_code_revoked'", String.class, device)).isEqualTo("user:admin");
        // active again: rotating needs no confirmation any more
        assertThat(api.post("/api/v1/admin/devices/" + device + "/rotate", admin, "").status()).isEqualTo(200);
    }

    @Test
    void revoking_the_device_voids_its_code() {
        String code = code();
        assertThat(api.post("/api/v1/admin/devices/" + device + "/revoke", ApiClient.adminAuth(), "").status()).isEqualTo(200);

        assertThat(pair(code).errorCode()).isEqualTo("invalid_pairing_code");
    }

    @Test
    void guesses_from_thirty_addresses_meet_a_limit_for_all_addresses_together() throws Exception {
        int guessed = 0;
        int held = 0;
        for (int round = 0; round < 10; round++) {
            for (int a = 1; a <= 30; a++) {
                var answer = io.tillsync.reliability.FromAddress.send(io.tillsync.reliability.FromAddress.address(0, 5, a), port, "POST",
                        "/api/v1/pos/pair", "{\"pairing_code\":\"AAAA-AAA" + (char) ('A' + round) + "\"}", "Content-Type: application/json");
                assertThat(answer.status()).isIn(400, 429);
                if (answer.status() == 429) {
                    held++;
                    assertThat(answer.header("Retry-After")).isNotNull();
                } else {
                    guessed++;
                }
            }
        }
        // ten a minute from each would let all 300 through; all addresses together get 60
        assertThat(guessed).isEqualTo(60);
        assertThat(held).isEqualTo(240);
    }

    @Test
    void more_than_ten_tries_a_minute_from_one_address_get_429_with_retry_after() {
        for (int i = 0; i < 10; i++) {
            assertThat(pair("ABCD-EFGH").status()).isEqualTo(400);
        }
        String code = code();

        ApiClient.Response throttled = pair(code);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.errorCode()).isEqualTo("rate_limited");
        var raw = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/api/v1/pos/pair"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"pairing_code\":\"" + code + "\"}"))
                .build());
        assertThat(raw.status()).isEqualTo(429);
        long retryAfter = retryAfter(code);
        assertThat(retryAfter).isBetween(1L, 60L);
        // the throttled tries did not use the code up
        throttle.clear();
        assertThat(pair(code).status()).isEqualTo(200);
    }

    private long retryAfter(String code) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(api.base() + "/api/v1/pos/pair")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"pairing_code\":\"" + code + "\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(429);
            return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void bad_input_is_a_4xx_that_names_the_field_never_a_500() {
        ApiClient.Response missing = api.post("/api/v1/pos/pair", null, "{}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().path("error").path("field").asString()).isEqualTo("pairing_code");
        ApiClient.Response number = api.post("/api/v1/pos/pair", null, "{\"pairing_code\": 12345678}");
        assertThat(number.status()).isEqualTo(422);
        assertThat(number.body().path("error").path("field").asString()).isEqualTo("pairing_code");
        ApiClient.Response array = api.post("/api/v1/pos/pair", null, "[\"ABCD-EFGH\"]");
        assertThat(array.status()).isEqualTo(422);
        ApiClient.Response longCode = api.post("/api/v1/pos/pair", null, "{\"pairing_code\":\"" + "A".repeat(900) + "\"}");
        assertThat(longCode.status()).isEqualTo(400);
        assertThat(longCode.errorCode()).isEqualTo("invalid_pairing_code");
        // a pairing body is a few dozen bytes: past 1 KiB it is refused before it is read
        ApiClient.Response huge = api.post("/api/v1/pos/pair", null, "{\"pairing_code\":\"" + "A".repeat(5000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.errorCode()).isEqualTo("body_too_large");
        assertThat(api.post("/api/v1/pos/pair", null, "not json").status()).isEqualTo(400);
        assertThat(issue("NO-SUCH-DEVICE").status()).isEqualTo(404);
    }

    @Test
    void a_manager_of_the_devices_branch_may_issue_a_code_and_to_a_manager_of_another_branch_the_till_is_unknown() {
        String own = fixtures.manager(TestData.BRANCH);
        String other = fixtures.manager(TestData.OTHER_BRANCH);

        signIn(own);
        assertThat(pairing.issuePairingCode(device).code()).matches(CODE_SHAPE);
        signIn(other);
        // the same answer as for a till that does not exist: nothing tells which ids another branch has
        Rejected elsewhere = catchThrowableOfType(Rejected.class, () -> pairing.issuePairingCode(device));
        Rejected unknown = catchThrowableOfType(Rejected.class, () -> pairing.issuePairingCode("NO-SUCH-" + device));
        assertThat(ApiEnvelope.status(elsewhere.kind())).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(elsewhere.code()).isEqualTo("unknown_device").isEqualTo(unknown.code());
        assertThat(elsewhere.getMessage()).isEqualTo(unknown.getMessage());
        assertThat(elsewhere.field()).isEqualTo(unknown.field());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM device_pairing_codes p JOIN devices d ON d.id = p.device_pk "
                + "WHERE d.device_id = ? AND p.issued_by = ?", Integer.class, device, other)).isZero();
        // the admin API stays for admins: a manager's credentials are refused there
        assertThat(api.post("/api/v1/admin/devices/" + device + "/pairing-code", ApiClient.basic(own, Fixtures.MANAGER_PASSWORD), "")
                .status()).isEqualTo(403);
    }

    @Test
    void a_manager_cannot_pair_a_revoked_device_again() {
        String own = fixtures.manager(TestData.BRANCH);
        api.post("/api/v1/admin/devices/" + device + "/revoke", ApiClient.adminAuth(), "");

        signIn(own);
        assertThatThrownBy(() -> pairing.issuePairingCode(device)).isInstanceOf(io.tillsync.base.Rejected.class)
                .hasMessageContaining("revoked");
    }

    private static void signIn(String manager) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(manager, null,
                List.of(new SimpleGrantedAuthority("ROLE_MANAGER"))));
    }
}
