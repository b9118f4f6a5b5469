package io.tillsync.support.soak;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The tills of a soak and what they share: the switches that make them sell, go offline, drain
 * and stop, and the counts of what they were answered. A phase sells until a number of sales is
 * answered, with faults spread over it by that number, then lets every till send what it has
 * left. Lives for the whole run; the counts add up over its phases.
 */
public final class SoakFleet {

    /** Where a till's batches go: sends one and returns the answers the till takes in (none when nothing came back). */
    @FunctionalInterface
    public interface Route {
        List<HttpResponse<String>> send(SoakTill till, byte[] batch);
    }

    /**
     * How the tills behave: whether they void sales they know booked; the shares of sales with a
     * grand total that does not add up and with an unknown product; whether a refused batch waits
     * at least as long as Retry-After says.
     */
    public record Habits(boolean voids, double badTotals, double unknownProducts, boolean honoursRetryAfter) {
    }

    /** Something a run does that may fail: a fault, a restart. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /** Injects a phase's fault number {@code index}. */
    @FunctionalInterface
    public interface Faults {
        void inject(int index) throws Exception;
    }

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
    final Route route;
    final Habits habits;
    public final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong requests = new AtomicLong();
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger doubledSeen = new AtomicInteger();
    final AtomicInteger conflictsSeen = new AtomicInteger();
    final Set<String> idle = ConcurrentHashMap.newKeySet();
    volatile boolean stop;
    volatile boolean selling = true;
    volatile boolean offline;
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> itemErrors = new ConcurrentHashMap<>();
    private final AtomicLong firstCommitAfterFault = new AtomicLong();
    private volatile long faultAt;

    public SoakFleet(Route route, Habits habits) {
        this.route = route;
        this.habits = habits;
    }

    public HttpClient http() {
        return http;
    }

    /** Enrols a till through {@code base} and makes it ready to run; conflicts that wait go to {@code manager}. */
    public SoakTill enroll(String base, String deviceId, String branch, Set<Long> runsOut, Consumer<SoakSale> manager, long seed)
            throws Exception {
        return new SoakTill(this, deviceId, SoakShop.enroll(http, base, deviceId, branch), branch, runsOut, manager, seed);
    }

    /**
     * Runs the tills until {@code sales} are answered, injecting {@code faults} faults spread
     * evenly over them (each at a random moment up to {@code jitterMillis} into its step), then
     * stops selling, lets every till drain its queue, and stops them.
     */
    public void sellThrough(List<SoakTill> tills, int sales, int faults, Random random, int jitterMillis, Faults inject)
            throws Exception {
        acknowledged.set(0);
        selling = true;
        stop = false;
        idle.clear();
        List<Thread> threads = tills.stream().map(t -> Thread.ofPlatform().name(t.deviceId).start(t)).toList();
        for (int f = 0; f < faults; f++) {
            long at = (long) sales * (f + 1) / (faults + 1);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
            while (acknowledged.get() < at && Instant.now().isBefore(deadline)) {
                Pause.sleep(20);
            }
            Pause.sleep(random.nextInt(jitterMillis));
            inject.inject(f);
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(60));
        while (acknowledged.get() < sales && Instant.now().isBefore(deadline)) {
            Pause.sleep(100);
        }
        // drain: no new sales, every till sends until its queue is empty
        selling = false;
        Instant drainUntil = Instant.now().plus(Duration.ofMinutes(3));
        while (idle.size() < tills.size() && Instant.now().isBefore(drainUntil)) {
            Pause.sleep(100);
        }
        stop = true;
        for (Thread t : threads) {
            t.join(60_000);
        }
    }

    /** An outage: every till keeps selling offline for a while, then all come back at the same moment. */
    public void offlineFor(long millis) {
        offline = true;
        Pause.sleep(millis);
        offline = false;
    }

    /**
     * Does the fault and waits, up to 2 minutes, for the first commit of a batch a till sent
     * after it: the milliseconds in between, or -1 when none came.
     */
    public long millisToFirstCommitAfter(Step fault) throws Exception {
        firstCommitAfterFault.set(0);
        fault.run();
        long at = System.nanoTime();
        faultAt = at;
        long until = at + Duration.ofMinutes(2).toNanos();
        while (firstCommitAfterFault.get() == 0 && System.nanoTime() < until) {
            Pause.sleep(10);
        }
        long first = firstCommitAfterFault.get();
        faultAt = 0;
        return first == 0 ? -1 : (first - at) / 1_000_000;
    }

    void committed(long sentAt) {
        long since = faultAt;
        if (since != 0 && sentAt > since) {
            firstCommitAfterFault.compareAndSet(0, System.nanoTime());
        }
    }

    void count(String answer) {
        answers.computeIfAbsent(answer, k -> new AtomicInteger()).incrementAndGet();
    }

    void itemError(String code) {
        itemErrors.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
    }

    public long requests() {
        return requests.get();
    }

    /** Sales answered with two different server ids. */
    public int doubledSeen() {
        return doubledSeen.get();
    }

    /** Sales answered with two different conflict ids, and voids answered with a conflict. */
    public int conflictsSeen() {
        return conflictsSeen.get();
    }

    /** The batch answers by status ("no answer" for none). */
    public Map<String, Integer> answers() {
        return counts(answers);
    }

    /** The items answered with an error (and sent again), by error code. */
    public Map<String, Integer> itemErrors() {
        return counts(itemErrors);
    }

    public static Map<String, Integer> counts(Map<String, AtomicInteger> counters) {
        Map<String, Integer> counts = new TreeMap<>();
        counters.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    public void printProblems() {
        synchronized (problems) {
            problems.stream().limit(20).forEach(p -> System.out.println("  PROBLEM " + p));
        }
    }
}
