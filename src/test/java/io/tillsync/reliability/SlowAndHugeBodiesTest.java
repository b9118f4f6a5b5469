package io.tillsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outside probe's worst findings, as an attacker on the network sends them: slow bodies from
 * many connections and addresses, bodies of 60 MiB, and one till uploading slowly while the
 * others sync. The server keeps answering everyone else, cuts the slow ones within seconds and
 * refuses the huge ones before reading them.
 */
@IntegrationTest
class SlowAndHugeBodiesTest {

    private static final int MIB = 1024 * 1024;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void readiness_the_login_page_and_other_tills_answer_within_2_s_while_250_slow_bodies_trickle_from_5_addresses() throws Exception {
        SlowBodyProbe.Report report = SlowBodyProbe.run(port, Duration.ofSeconds(25), 250, 5);
        System.out.println(report);

        for (Responsiveness.Probe probe : report.users().all()) {
            assertThat(probe.count()).as(probe.toString()).isGreaterThanOrEqualTo(15);
            assertThat(probe.wrong()).as(probe.toString()).isEmpty();
            assertThat(probe.worstMillis()).as(probe.toString()).isLessThan(2_000);
        }
        // every slow body is cut for its pace within seconds, and its connection closed
        assertThat(report.attack().cut()).isGreaterThanOrEqualTo(250);
        assertThat(report.attack().answers()).containsKey("408");
        assertThat(report.attack().longestSecondsToCut()).isBetween(5L, 15L);
    }

    @Test
    void a_slow_batch_upload_from_one_till_does_not_hold_up_another_branchs_till() throws Exception {
        ApiClient api = new ApiClient(port);
        String slowTill = Sales.newDeviceId();
        String slowToken = api.enroll(slowTill, TestData.BRANCH);
        String other = Sales.newDeviceId();
        String otherToken = api.enroll(other, TestData.OTHER_BRANCH);
        List<SlowBodies.Target> slowBatches = List.of(
                SlowBodies.Target.json("/api/v1/pos/offline/batch-sync", "Bearer " + slowToken, 200_000));
        try (SlowBodies slow = new SlowBodies("127.0.0.1", port, SlowBodies.loopbackSources(1), slowBatches, 16).start()) {
            Thread.sleep(2_000);
            for (int i = 1; i <= 3; i++) {
                Map<String, Object> sale = Sales.sale(other, i, 1238, 1, 15000);
                sale.put("branch_code", TestData.OTHER_BRANCH);
                long t0 = System.nanoTime();
                ApiClient.Response r = api.sync(otherToken, Sales.batch(other, List.of(sale)));
                long took = Duration.ofNanos(System.nanoTime() - t0).toMillis();

                assertThat(r.status()).as(r.raw()).isEqualTo(200);
                assertThat(r.result(0).get("success").asBoolean()).isTrue();
                assertThat(took).isLessThan(2_000);
                Thread.sleep(2_000);
            }
            // the slow till's own uploads are ended for their pace
            Thread.sleep(8_000);
            assertThat(slow.answers()).containsKey("408");
        }
    }

    @Test
    void one_address_holds_at_most_its_share_of_open_requests_and_the_next_is_refused_at_once() throws Exception {
        List<SlowBodies.Target> pairing = List.of(SlowBodies.Target.json("/api/v1/pos/pair", null, 900));
        InetAddress greedy = FromAddress.address(0, 9, 1);
        try (SlowBodies held = new SlowBodies("127.0.0.1", port, List.of(greedy), pairing, 64).start()) {
            Thread.sleep(1_500);
            long t0 = System.nanoTime();
            FromAddress.Answer more = FromAddress.send(greedy, port, "GET", "/actuator/health/readiness", null);
            long took = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            FromAddress.Answer other = FromAddress.send(FromAddress.address(0, 9, 2), port, "GET", "/actuator/health/readiness", null);

            assertThat(more.status()).isEqualTo(429);
            assertThat(more.header("Retry-After")).isEqualTo("1");
            assertThat(took).isLessThan(1_000);
            assertThat(other.status()).as("another address is not affected").isEqualTo(200);
            assertThat(held.cut()).as("the 64 slow ones are still open").isZero();
        }
    }

    @Test
    void a_60_mib_body_is_refused_with_413_before_it_is_read_on_every_endpoint_and_memory_stays_flat() throws Exception {
        long heapBefore = usedHeapAfterGc();
        AtomicLong peak = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        String admin = ApiClient.adminAuth();
        List<String[]> endpoints = List.of(
                new String[]{"/api/v1/pos/pair", null},
                new String[]{"/api/v1/pos/offline/batch-sync", null},
                new String[]{"/api/v1/pos/offline/conflicts/00000000-0000-0000-0000-000000000000/resolve", null},
                new String[]{"/api/v1/admin/devices", admin},
                new String[]{"/login", null},
                new String[]{"/", null});
        // announced: the answer comes before a byte of the body is sent
        for (String[] e : endpoints) {
            assertThat(announcedOnly(e[0], e[1], 60L * MIB)).as(e[0]).startsWith("HTTP/1.1 413");
        }
        // chunked, from 64 addresses at once: counted while read, refused at the limit
        List<Future<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                String[] e = endpoints.get(i % endpoints.size());
                InetAddress from = SlowBodies.loopbackSources(64).get(i);
                answers.add(pool.submit(() -> chunked(from, e[0], e[1], 60L * MIB)));
            }
            for (Future<String> a : answers) {
                assertThat(a.get()).startsWith("HTTP/1.1 413");
            }
        }
        sampler.interrupt();
        long heapAfter = usedHeapAfterGc();
        System.out.printf("Huge bodies: heap after GC %d MiB before, %d MiB after; highest seen during %d MiB%n",
                heapBefore / MIB, heapAfter / MIB, peak.get() / MIB);
        // 70 bodies of 60 MiB were sent: 4 GiB; what stayed is noise
        assertThat(heapAfter - heapBefore).isLessThan(32L * MIB);
        assertThat(peak.get() - heapBefore).as("held while refusing, garbage included").isLessThan(384L * MIB);
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Sends the headers of a request announcing {@code length} bytes, and nothing of its body: what the server answers. */
    private String announcedOnly(String path, String authorization, long length) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(head(path, authorization, "Content-Length: " + length));
            return statusLine(s.getInputStream());
        }
    }

    /** Streams {@code length} bytes chunked until the server answers or closes: what it answered. */
    private String chunked(InetAddress from, String path, String authorization, long length) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head(path, authorization, "Transfer-Encoding: chunked"));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (long sent = 0; sent < length; sent += chunk.length) {
                    out.write(size);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedByServer) {
                // refused and closed while we were still sending: the answer is waiting to be read
            }
            return statusLine(s.getInputStream());
        }
    }

    private byte[] head(String path, String authorization, String length) {
        String type = path.equals("/login") ? "application/x-www-form-urlencoded" : "application/json";
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + type + "\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\r') {
            line.append((char) c);
        }
        return line.toString();
    }
}
