package io.tillsync.till;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 relay between the browser and the in-process server that can make the
 * server look dead or ill. {@link TillServerKilledTest} kills a real server process; a kill
 * cannot be aimed at the moment between a batch's commit and its answer, so that moment is
 * reproduced here, at the only place the till can notice it, the connection:
 * <ul>
 *   <li>{@code dropBatchAnswers = n}: the next n batch-syncs reach the server, which commits
 *       them, and then the connection is reset before any answer: the server "died after
 *       commit, before answering";</li>
 *   <li>{@code refuse}: every connection is reset at once: the server is unreachable;</li>
 *   <li>{@code batchStatus}, {@code pullStatus}: batch-syncs or pulls get this HTTP status with
 *       the server's error envelope instead of reaching it (a 503 while its database is away,
 *       a 500 from a bug).</li>
 * </ul>
 * One request per connection ({@code Connection: close}), which browsers handle fine.
 */
final class FlakyProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer");

    private final ServerSocket server;
    private final String upstream;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    volatile boolean refuse;
    volatile int batchStatus;
    volatile int pullStatus;
    final AtomicInteger dropBatchAnswers = new AtomicInteger();
    final AtomicInteger batchRequests = new AtomicInteger();
    final AtomicInteger droppedAnswers = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final List<String> batchAnswers = new CopyOnWriteArrayList<>();

    FlakyProxy(int upstreamPort) throws IOException {
        this.upstream = "http://127.0.0.1:" + upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("flaky-proxy").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                workers.submit(() -> handle(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            if (refuse) {
                refused.incrementAndGet();
                reset(socket);
                return;
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String requestLine = line(in);
            if (requestLine == null || requestLine.isBlank()) {
                return;
            }
            String[] parts = requestLine.split(" ");
            String method = parts[0];
            String path = parts[1];
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + path)).timeout(Duration.ofSeconds(60));
            int length = 0;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Integer.parseInt(value);
                }
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    request.header(name, value);
                }
            }
            byte[] body = in.readNBytes(length);
            request.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            boolean batch = path.startsWith("/api/v1/pos/offline/batch-sync");
            if (batch) {
                batchRequests.incrementAndGet();
            }
            int failWith = batch ? batchStatus : path.startsWith("/api/v1/pos/offline/changes") ? pullStatus : 0;
            if (failWith != 0) {
                answerError(socket, failWith);
                return;
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (batch && dropBatchAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // the server has committed the batch; its answer never reaches the till
                droppedAnswers.incrementAndGet();
                reset(socket);
                return;
            }
            if (batch) {
                batchAnswers.add(new String(response.body(), StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes(("HTTP/1.1 " + response.statusCode() + " Relayed\r\n").getBytes(StandardCharsets.ISO_8859_1));
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    for (String v : values) {
                        head.writeBytes((name + ": " + v + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
            });
            head.writeBytes(("Content-Length: " + response.body().length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            out.write(response.body());
            out.flush();
        } catch (Exception e) {
            // the browser sees a dropped connection, as with a dead server
        }
    }

    private static void answerError(Socket socket, int status) throws IOException {
        String code = status == 503 ? "service_unavailable" : "internal_error";
        byte[] body = ("{\"code\":" + status + ",\"data\":null,\"error\":{\"code\":\"" + code
                + "\",\"message\":\"it is safe to send the same request again\"}}").getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 " + status + " Failed\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c == -1 && b.size() == 0) {
            return null;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
    }
}
