package io.tillsync.reliability;

import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The slow-body attack against a running Tillsync, with what honest users see meanwhile:
 * {@code connections} slow bodies from {@code addresses} loopback addresses to pairing, the
 * login form and batch-sync (with a valid token of one till), each announcing a length its
 * endpoint takes and sending one byte a second, while readiness, the login page
 * and another branch's till (pull and batch-sync) are asked once a second.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) io.tillsync.reliability.SlowBodyProbe \
 *     --port=8080 --seconds=40 --connections=250 --addresses=5</pre>
 * (the admin password from TILLSYNC_ADMIN_PASSWORD as for the tests).
 */
public final class SlowBodyProbe {

    public record Report(Responsiveness users, SlowBodies attack, long seconds) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("Slow bodies: " + attack.opened() + " connections opened in " + seconds + " s ("
                    + attack.refusedToConnect() + " refused to connect), " + attack.cut() + " cut by the server "
                    + attack.answers() + ", the longest after " + attack.longestSecondsToCut() + " s, " + attack.bytesSent()
                    + " bytes trickled");
            for (Responsiveness.Probe p : users.all()) {
                s.append("\n  ").append(p);
            }
            return s.toString();
        }
    }

    private SlowBodyProbe() {
    }

    public static Report run(int port, Duration duration, int connections, int addresses) throws Exception {
        ApiClient api = new ApiClient(port);
        String slowTill = Sales.newDeviceId();
        String slowToken = api.enroll(slowTill, TestData.BRANCH);
        String honestTill = Sales.newDeviceId();
        String honestToken = api.enroll(honestTill, TestData.OTHER_BRANCH);
        String base = api.base();
        int[] seq = {0};
        // each announces a length its endpoint takes: refused for its pace, not for its size
        List<SlowBodies.Target> targets = List.of(
                SlowBodies.Target.json("/api/v1/pos/pair", null, 1_000),
                SlowBodies.Target.form("/login", 4_000),
                SlowBodies.Target.json("/api/v1/pos/offline/batch-sync", "Bearer " + slowToken, 100_000));
        Duration timeout = Duration.ofSeconds(10);
        try (Responsiveness users = new Responsiveness(timeout)
                .probe("readiness", 200, () -> Responsiveness.get(base + "/actuator/health/readiness").timeout(timeout).build())
                .probe("login page", 200, () -> Responsiveness.get(base + "/login").timeout(timeout).build())
                .probe("pull of another branch's till", 200, () -> Responsiveness.get(base + "/api/v1/pos/offline/changes")
                        .header("Authorization", "Bearer " + honestToken).timeout(timeout).build())
                .probe("batch-sync of another branch's till", 200, () -> {
                    Map<String, Object> sale = Sales.sale(honestTill, ++seq[0], 1238, 1, 15000);
                    sale.put("branch_code", TestData.OTHER_BRANCH);
                    return HttpRequest.newBuilder(URI.create(base + "/api/v1/pos/offline/batch-sync")).timeout(timeout)
                            .header("Authorization", "Bearer " + honestToken).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(
                                    Sales.batch(honestTill, List.of(sale))))).build();
                });
             SlowBodies attack = new SlowBodies("127.0.0.1", port, SlowBodies.loopbackSources(addresses), targets, connections)) {
            attack.start();
            // the attack is in place before anyone honest asks
            Thread.sleep(2_000);
            users.start();
            Thread.sleep(duration.toMillis());
            users.close();
            attack.close();
            return new Report(users, attack, duration.toSeconds());
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Report report = run(Integer.parseInt(a.getOrDefault("port", "8080")), Duration.ofSeconds(Long.parseLong(a.getOrDefault("seconds", "40"))),
                Integer.parseInt(a.getOrDefault("connections", "250")), Integer.parseInt(a.getOrDefault("addresses", "5")));
        System.out.println(report);
    }
}
