package io.tillsync.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What honest users see while an attack runs: each probe is sent once a second on a fresh
 * connection of its own, and its answer time is kept (a probe without an answer within the
 * timeout counts as the timeout).
 */
public final class Responsiveness implements AutoCloseable {

    /** One kind of request and the answers it got. */
    public static final class Probe {
        final String name;
        final Supplier<HttpRequest> request;
        final int expected;
        final List<Long> millis = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());

        Probe(String name, Supplier<HttpRequest> request, int expected) {
            this.name = name;
            this.request = request;
            this.expected = expected;
        }

        public long worstMillis() {
            synchronized (millis) {
                return millis.stream().mapToLong(Long::longValue).max().orElse(Long.MAX_VALUE);
            }
        }

        public int count() {
            return millis.size();
        }

        public List<String> wrong() {
            return wrong;
        }

        @Override
        public String toString() {
            synchronized (millis) {
                List<Long> sorted = millis.stream().sorted().toList();
                long median = sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
                return name + ": " + millis.size() + " answers, median " + median + " ms, worst " + worstMillis() + " ms"
                        + (wrong.isEmpty() ? "" : ", " + wrong.size() + " wrong (" + wrong.getFirst() + ")");
            }
        }
    }

    private final Duration timeout;
    private final Map<String, Probe> probes = new LinkedHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    public Responsiveness(Duration timeout) {
        this.timeout = timeout;
    }

    public Responsiveness probe(String name, int expectedStatus, Supplier<HttpRequest> request) {
        probes.put(name, new Probe(name, request, expectedStatus));
        return this;
    }

    public static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET();
    }

    public Responsiveness start() {
        for (Probe p : probes.values()) {
            threads.add(Thread.ofPlatform().daemon().name("probe-" + p.name).start(() -> run(p)));
        }
        return this;
    }

    private void run(Probe p) {
        while (running.get()) {
            long t0 = System.nanoTime();
            // a fresh client each time: a new connection, as a till that has just come online opens
            try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build()) {
                HttpResponse<String> r = http.send(p.request.get(), HttpResponse.BodyHandlers.ofString());
                p.millis.add(Duration.ofNanos(System.nanoTime() - t0).toMillis());
                if (r.statusCode() != p.expected) {
                    p.wrong.add(r.statusCode() + " " + r.body().substring(0, Math.min(120, r.body().length())));
                }
            } catch (Exception e) {
                if (!running.get()) {
                    // stopped in the middle of a probe: not an answer the server failed to give
                    return;
                }
                p.millis.add(Math.max(timeout.toMillis(), Duration.ofNanos(System.nanoTime() - t0).toMillis()));
                p.wrong.add(e.getClass().getSimpleName());
            }
            long left = 1_000 - Duration.ofNanos(System.nanoTime() - t0).toMillis();
            if (left > 0) {
                try {
                    Thread.sleep(left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    public Probe probe(String name) {
        return probes.get(name);
    }

    public Iterable<Probe> all() {
        return probes.values();
    }

    @Override
    public void close() {
        running.set(false);
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(timeout.toMillis() + 2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
