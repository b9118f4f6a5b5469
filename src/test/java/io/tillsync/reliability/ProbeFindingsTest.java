package io.tillsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The smaller findings of the outside probe, sent the way the probe sent them: from several
 * loopback addresses, with headers and queries written by hand. Malformed query encoding, login
 * CSRF, guessing with many addresses or many usernames, forwarded headers from a peer nobody
 * trusts.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ProbeFindingsTest {

    private static final String CHANGES = "/api/v1/pos/offline/changes";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Fixtures fixtures;

    private FromAddress.Answer get(InetAddress from, String path, String... headers) throws Exception {
        return FromAddress.send(from, port, "GET", path, null, headers);
    }

    private FromAddress.Answer metrics(InetAddress from, String user, String password, String... extra) throws Exception {
        List<String> headers = new ArrayList<>(List.of("Authorization: " + ApiClient.basic(user, password)));
        headers.addAll(List.of(extra));
        return get(from, "/actuator/metrics", headers.toArray(String[]::new));
    }

    @Test
    void a_query_that_is_not_utf8_is_a_400_naming_the_parameter_on_any_endpoint_without_a_stack_trace(CapturedOutput output) throws Exception {
        String device = Sales.newDeviceId();
        String token = new ApiClient(port).enroll(device, TestData.BRANCH);
        InetAddress from = FromAddress.address(0, 0, 1);
        int logBefore = output.getAll().length();

        for (String bad : List.of("%ff", "%c3%28", "%ed%a0%80", "%zz", "%e2%82")) {
            FromAddress.Answer since = get(from, CHANGES + "?since=" + bad, "Authorization: Bearer " + token);
            assertThat(since.status()).as(bad + " " + since.body()).isEqualTo(400);
            assertThat(since.body()).contains("\"invalid_parameter\"").contains("\"field\":\"since\"");
        }
        FromAddress.Answer limit = get(from, CHANGES + "?since=c1.0&limit=%ff", "Authorization: Bearer " + token);
        assertThat(limit.body()).contains("\"field\":\"limit\"");
        FromAddress.Answer name = get(from, CHANGES + "?%ff=1", "Authorization: Bearer " + token);
        assertThat(name.status()).isEqualTo(400);
        // the admin API, the probes, the back-office and the pairing endpoint alike
        assertThat(get(from, "/api/v1/admin/backups?x=%ff", "Authorization: " + ApiClient.adminAuth()).status()).isEqualTo(400);
        assertThat(get(from, "/actuator/health?x=%c3%28").status()).isEqualTo(400);
        assertThat(get(from, "/login?error=%ed%a0%80").status()).isEqualTo(400);
        assertThat(FromAddress.send(from, port, "POST", "/api/v1/pos/pair?x=%ff", "{}", "Content-Type: application/json").status())
                .isEqualTo(400);
        // well-formed UTF-8 goes on as before
        assertThat(get(from, CHANGES + "?since=c1.0&note=%c3%a9", "Authorization: Bearer " + token).status()).isEqualTo(200);

        String logged = output.getAll().substring(logBefore);
        assertThat(logged).doesNotContain("\tat ").doesNotContain("internal_error");
    }

    @Test
    void a_reference_with_invisible_or_bidi_characters_is_an_item_error_and_the_rest_of_the_batch_is_booked() {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        var zeroWidth = Sales.sale(device, 1, 1238, 1, 15000);
        zeroWidth.put("offline_reference", device + "-20251013-0\u200B01");
        var bidi = Sales.sale(device, 2, 1238, 1, 15000);
        bidi.put("offline_id", "\u202E" + bidi.get("offline_id"));
        var plain = Sales.sale(device, 3, 1238, 1, 15000);

        ApiClient.Response r = api.sync(token, Sales.batch(device, List.of(zeroWidth, bidi, plain)));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.result(0).path("error").path("field").asString()).isEqualTo("offline_reference");
        assertThat(r.result(0).path("error").path("code").asString()).isEqualTo("validation_error");
        assertThat(r.result(1).path("error").path("field").asString()).isEqualTo("offline_id");
        assertThat(r.result(2).path("success").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM transactions WHERE device_id = ?", Integer.class, device)).isEqualTo(1);
    }

    @Test
    void a_form_on_another_site_cannot_sign_the_browser_in() throws Exception {
        InetAddress from = FromAddress.address(0, 0, 2);
        String form = "username=" + fixtures.manager(TestData.BRANCH) + "&password=" + Fixtures.MANAGER_PASSWORD;
        String type = "Content-Type: application/x-www-form-urlencoded";

        FromAddress.Answer crossOrigin = FromAddress.send(from, port, "POST", "/login", form, type, "Origin: https://attacker.example");
        FromAddress.Answer crossSite = FromAddress.send(from, port, "POST", "/login", form, type, "Sec-Fetch-Site: cross-site",
                "Origin: http://127.0.0.1:" + port);
        FromAddress.Answer opaque = FromAddress.send(from, port, "POST", "/login", form, type, "Origin: null");
        FromAddress.Answer ownPage = FromAddress.send(from, port, "POST", "/login", form, type, "Origin: http://127.0.0.1:" + port,
                "Sec-Fetch-Site: same-origin");

        for (FromAddress.Answer refused : List.of(crossOrigin, crossSite, opaque)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("Set-Cookie")).as("no session is made").isNull();
        }
        // the sign-in page itself still signs in: a redirect into the back-office, with a session
        assertThat(ownPage.status()).isEqualTo(302);
        assertThat(ownPage.header("Location")).doesNotContain("error");
        assertThat(ownPage.header("Set-Cookie")).contains("JSESSIONID=");
    }

    @Test
    void a_forwarded_https_from_a_peer_nobody_trusts_makes_no_secure_cookie_and_offline_ids_compare_byte_for_byte() throws Exception {
        FromAddress.Answer login = FromAddress.send(FromAddress.address(0, 0, 5), port, "POST", "/login",
                "username=" + fixtures.manager(TestData.BRANCH) + "&password=" + Fixtures.MANAGER_PASSWORD,
                "Content-Type: application/x-www-form-urlencoded",
                "X-Forwarded-Proto: https", "X-Forwarded-For: 198.51.100.7");
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Set-Cookie")).contains("JSESSIONID=").doesNotContain("Secure");
        assertThat(login.header("Strict-Transport-Security")).isNull();

        // docs/reliability.md: ids are compared exactly, case included
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        var lower = Sales.sale(device, 1, 1238, 1, 15000);
        String id = ((String) lower.get("offline_id")).toLowerCase();
        lower.put("offline_id", id);
        var upper = Sales.sale(device, 2, 1238, 1, 15000);
        upper.put("offline_id", id.toUpperCase());
        ApiClient.Response r = api.sync(token, Sales.batch(device, List.of(lower, upper)));
        assertThat(r.result(0).path("success").asBoolean()).as(r.raw()).isTrue();
        assertThat(r.result(1).path("success").asBoolean()).isTrue();
        assertThat(r.result(1).path("server_id").asLong()).isNotEqualTo(r.result(0).path("server_id").asLong());
    }

    @Test
    void forwarded_for_from_a_peer_nobody_trusts_is_ignored() throws Exception {
        String user = fixtures.manager(TestData.BRANCH);
        InetAddress peer = FromAddress.address(0, 0, 3);
        for (int i = 0; i < 5; i++) {
            // a client rotating X-Forwarded-For to dodge the count per address
            assertThat(metrics(peer, user, "guess-" + i, "X-Forwarded-For: 203.0.113." + (10 + i)).status()).isEqualTo(401);
        }
        FromAddress.Answer held = metrics(peer, user, Fixtures.MANAGER_PASSWORD, "X-Forwarded-For: 203.0.113.99");

        assertThat(held.status()).as("counted against the real peer").isEqualTo(429);
        assertThat(jdbc.queryForList("SELECT source FROM login_throttles WHERE username = ?", String.class, user))
                .containsExactly("127.0.0.3");
        // pinning someone else's address does not hold them back either
        String owner = fixtures.manager(TestData.BRANCH);
        InetAddress ownerAddress = FromAddress.address(0, 0, 4);
        for (int i = 0; i < 6; i++) {
            metrics(peer, owner, "guess-" + i, "X-Forwarded-For: 127.0.0.4");
        }
        assertThat(metrics(ownerAddress, owner, Fixtures.MANAGER_PASSWORD).status()).as("authenticated, not an admin").isEqualTo(403);
    }

    @Test
    void guessing_one_password_from_forty_addresses_holds_back_new_addresses_but_never_the_owners() throws Exception {
        String owner = fixtures.manager(TestData.BRANCH);
        InetAddress home = FromAddress.address(0, 1, 1);
        assertThat(metrics(home, owner, Fixtures.MANAGER_PASSWORD).status()).as("signed in once from home").isEqualTo(403);

        int held = 0;
        int checked = 0;
        for (int round = 0; round < 5; round++) {
            for (int a = 1; a <= 40; a++) {
                FromAddress.Answer r = metrics(FromAddress.address(0, 2, a), owner, "guess-" + round + "-" + a);
                assertThat(r.status()).isIn(401, 429);
                if (r.status() == 429) {
                    held++;
                } else {
                    checked++;
                }
            }
        }
        System.out.printf("Guessing from 40 addresses: %d of 200 passwords checked, %d held back%n", checked, held);
        assertThat(checked).as("no more than the limit plus the few the doubling waits let through").isLessThan(30);

        // the owner at home goes straight in, and from a new address waits at most a few minutes, never for good
        assertThat(metrics(home, owner, Fixtures.MANAGER_PASSWORD).status()).isEqualTo(403);
        FromAddress.Answer travelling = metrics(FromAddress.address(0, 1, 2), owner, Fixtures.MANAGER_PASSWORD);
        assertThat(travelling.status()).isEqualTo(429);
        assertThat(Long.parseLong(travelling.header("Retry-After"))).isBetween(1L, 300L);
        jdbc.update("UPDATE login_wide_throttles SET blocked_until = UTC_TIMESTAMP(3) WHERE scope = 'user' AND subject = ?", owner);
        assertThat(metrics(FromAddress.address(0, 1, 2), owner, Fixtures.MANAGER_PASSWORD).status()).isEqualTo(403);
    }

    @Test
    void guessing_twelve_usernames_from_one_address_is_held_back_but_its_own_users_are_not() throws Exception {
        InetAddress shop = FromAddress.address(0, 3, 1);
        String colleague = fixtures.manager(TestData.BRANCH);
        assertThat(metrics(shop, colleague, Fixtures.MANAGER_PASSWORD).status()).isEqualTo(403);

        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(metrics(shop, "someone-" + i + "-" + System.nanoTime(), "guess").status());
        }

        assertThat(answers.subList(0, 10)).containsOnly(401);
        assertThat(answers.subList(10, 12)).containsOnly(429);
        // a user who signs in from this address is not held back by the strangers' guesses
        assertThat(metrics(shop, colleague, Fixtures.MANAGER_PASSWORD).status()).isEqualTo(403);
    }
}
