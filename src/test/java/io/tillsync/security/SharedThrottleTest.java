package io.tillsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.reliability.SoakProcesses.AppNode;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import io.tillsync.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Two Tillsync nodes (JVMs of their own) on one database, as behind a balancer: the device rate limit and the sign-in
 * throttle count the same requests on both, and an attacker's wrong passwords hold back the
 * attacker's address only, never the owner's sign-in from another address.
 */
class SharedThrottleTest {

    static AppNode nodeA;
    static AppNode nodeB;
    static JdbcTemplate jdbc;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "shared-throttle"));
        Map<String, String> env = Map.ofEntries(
                Map.entry("SPRING_DATASOURCE_URL", TestDatabase.url()),
                Map.entry("SPRING_DATASOURCE_USERNAME", TestDatabase.user()),
                Map.entry("SPRING_DATASOURCE_PASSWORD", TestDatabase.password()),
                Map.entry("TILLSYNC_DEMO_DATA", "true"),
                Map.entry("TILLSYNC_ADMIN_PASSWORD", TestData.ADMIN_PASSWORD),
                // behind HAProxy: the client's address comes from X-Forwarded-For, believed from the proxy only
                Map.entry("SERVER_FORWARD_HEADERS_STRATEGY", "native"),
                Map.entry("TILLSYNC_TRUSTED_PROXIES", "127.0.0.1"),
                // these tests count wrong passwords per user and address; the counts over many addresses have their own test
                Map.entry("TILLSYNC_LOGIN_WIDE_USER_FAILURES", "1000000"),
                Map.entry("TILLSYNC_LOGIN_WIDE_SOURCE_FAILURES", "1000000"),
                // a bucket of 3 that practically does not refill during the test
                Map.entry("TILLSYNC_SYNC_RATE_LIMIT_BURST", "3"),
                Map.entry("TILLSYNC_SYNC_RATE_LIMIT_PER_SECOND", "0.01"));
        // two JVMs, as two servers: one after the other, as a rolling start (the first migrates the schema)
        nodeA = new AppNode("node-a", work, env, null);
        nodeA.start();
        nodeA.awaitReady(http);
        nodeB = new AppNode("node-b", work, env, null);
        nodeB.start();
        nodeB.awaitReady(http);
        jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(), TestDatabase.url(), TestDatabase.user(),
                TestDatabase.password()));
        // other tests' wrong admin passwords, counted over all addresses, must not hold back this test's owner
        jdbc.update("DELETE FROM login_wide_throttles");
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    private static int port(AppNode node) {
        return node.port;
    }

    private static HttpResponse<String> get(AppNode node, String path, String auth, String from) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(node) + path)).header("Authorization", auth);
        if (from != null) {
            request.header("X-Forwarded-For", from);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String someAddress(String net) {
        return net + ThreadLocalRandom.current().nextInt(1, 255);
    }

    @Test
    void a_device_gets_its_limit_once_across_both_nodes_not_once_per_node() throws Exception {
        String device = Sales.newDeviceId();
        String token = "Bearer " + new ApiClient(port(nodeA)).enroll(device, TestData.BRANCH);

        var first = get(nodeA, "/api/v1/pos/offline/changes", token, null);
        assertThat(first.statusCode()).as(first.body() + " " + first.headers().map()).isEqualTo(200);
        assertThat(get(nodeB, "/api/v1/pos/offline/changes", token, null).statusCode()).isEqualTo(200);
        assertThat(get(nodeA, "/api/v1/pos/offline/changes", token, null).statusCode()).isEqualTo(200);
        // counted per node, node B would still have two of its own three
        HttpResponse<String> fourth = get(nodeB, "/api/v1/pos/offline/changes", token, null);

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.body()).contains("rate_limited");
        assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
        assertThat(get(nodeA, "/api/v1/pos/offline/changes", token, null).statusCode()).isEqualTo(429);
    }

    @Test
    void the_owner_signs_in_from_another_address_while_the_attackers_address_waits() throws Exception {
        String attacker = someAddress("203.0.113.");
        String owner = someAddress("198.51.100.");
        String right = ApiClient.adminAuth();

        // five wrong passwords for admin, spread over both nodes
        for (int i = 0; i < 5; i++) {
            var node = i % 2 == 0 ? nodeA : nodeB;
            assertThat(get(node, "/actuator/metrics", ApiClient.basic("admin", "guess-" + i), attacker).statusCode()).isEqualTo(401);
        }

        // the attacker's address now waits on both nodes, even with the right password (not even checked)
        HttpResponse<String> refused = get(nodeB, "/api/v1/admin/devices/NO-SUCH-DEVICE/rotate", right, attacker);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("too_many_attempts");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 30L);
        assertThat(get(nodeA, "/actuator/metrics", right, attacker).statusCode()).isEqualTo(429);

        // the owner, from the shop's own address, gets in on either node
        assertThat(get(nodeA, "/actuator/metrics", right, owner).statusCode()).isEqualTo(200);
        assertThat(get(nodeB, "/actuator/metrics", right, owner).statusCode()).isEqualTo(200);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM login_attempts WHERE username = 'admin' AND source = ? AND outcome = 'wrong_password'",
                Integer.class, attacker)).isEqualTo(5);
        assertThat(jdbc.queryForMap("SELECT failures, refused FROM login_throttles WHERE username = 'admin' AND source = ?", attacker))
                .containsEntry("failures", 5).containsEntry("refused", 2);
    }

    @Test
    void behind_a_trusted_proxy_that_ends_tls_the_session_cookie_is_secure_and_hsts_is_sent() throws Exception {
        HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> login = noRedirects.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(nodeA) + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", someAddress("198.51.100."))
                .header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + TestData.ADMIN_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement().satisfies(c -> assertThat(c).contains("Secure").contains("HttpOnly"));
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void each_further_wrong_password_doubles_the_wait() throws Exception {
        String attacker = someAddress("192.0.2.");
        for (int i = 0; i < 5; i++) {
            get(nodeA, "/actuator/metrics", ApiClient.basic("admin", "guess-" + i), attacker);
        }
        assertThat(waitSeconds(jdbc, attacker)).isBetween(25L, 30L);

        for (int round = 1; round <= 2; round++) {
            // as if the wait were over
            jdbc.update("UPDATE login_throttles SET blocked_until = UTC_TIMESTAMP(3) WHERE username = 'admin' AND source = ?", attacker);
            assertThat(get(nodeB, "/actuator/metrics", ApiClient.basic("admin", "again-" + round), attacker).statusCode()).isEqualTo(401);
            assertThat(waitSeconds(jdbc, attacker)).isBetween((30L << round) - 5, 30L << round);
        }
    }

    private static long waitSeconds(JdbcTemplate jdbc, String source) {
        return jdbc.queryForObject("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(3), blocked_until) FROM login_throttles"
                + " WHERE username = 'admin' AND source = ?", Long.class, source);
    }
}
