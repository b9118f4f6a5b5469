package io.tillsync.reliability;

import io.tillsync.reliability.SoakProcesses.AppNode;
import io.tillsync.reliability.SoakProcesses.LossyProxy;
import io.tillsync.support.soak.Pause;
import io.tillsync.support.soak.SoakSale;
import io.tillsync.support.soak.SoakSale.Decision;
import io.tillsync.support.soak.SoakSale.Kind;
import io.tillsync.support.soak.SoakShop;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A store manager working through the open conflicts of one branch while its tills keep selling:
 * each conflict gets a strategy fitting its reason (keep_local, keep_server, merge; keep_local
 * first where the rule cannot be overridden, to see it refused), some get a second resolve that
 * must be refused, and a share is left open. What it decided is written on the sale, so the
 * ledger check knows what the database must show: the resolve answer itself may be lost.
 */
final class SoakResolver implements Runnable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String token;
    private final HttpClient http;
    private final Supplier<List<AppNode>> nodes;
    private final Supplier<LossyProxy> proxy;
    private final double resolvedShare;
    private final Random random;
    private final Runnable lostAnswer;
    private final Consumer<String> problems;
    private final BlockingQueue<SoakSale> queue = new LinkedBlockingQueue<>();
    private final Map<String, AtomicInteger> answers;
    volatile boolean loseNextAnswer;
    private volatile boolean finishing;

    SoakResolver(String token, HttpClient http, Supplier<List<AppNode>> nodes, Supplier<LossyProxy> proxy, double resolvedShare,
                 long seed, Runnable lostAnswer, Consumer<String> problems, Map<String, AtomicInteger> answers) {
        this.answers = answers;
        this.token = token;
        this.http = http;
        this.nodes = nodes;
        this.proxy = proxy;
        this.resolvedShare = resolvedShare;
        this.random = new Random(seed);
        this.lostAnswer = lostAnswer;
        this.problems = problems;
    }

    void offer(SoakSale sale) {
        queue.add(sale);
    }

    /** No more conflicts will come: work through the queue, then end. */
    void finish() {
        finishing = true;
    }

    @Override
    public void run() {
        while (!(finishing && queue.isEmpty())) {
            SoakSale s;
            try {
                s = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (s != null) {
                handle(s);
            }
        }
    }

    private void handle(SoakSale s) {
        if (random.nextDouble() >= resolvedShare) {
            s.decision = Decision.LEFT_OPEN;
            return;
        }
        boolean refused = false;
        if (s.kind == Kind.UNKNOWN) {
            // an unknown product cannot be booked as sent: the refusal must change nothing
            Answer a = resolve(s, "keep_local", null, false);
            refused = a.status == 422 && "not_overridable".equals(a.code);
            if (!refused) {
                problems.accept(s.reference + ": keep_local of an unknown product answered " + a.status + " " + a.code);
            }
        }
        String strategy;
        ObjectNode merged = null;
        Map<Long, Integer> booked;
        double pick = random.nextDouble();
        switch (s.kind) {
            case BAD_TOTAL -> {
                // keep_server on a data mismatch books the server's version in newer servers and rejects in older ones: not used
                strategy = pick < 0.5 ? "keep_local" : "merge";
                merged = strategy.equals("merge") ? corrected(s.doc, -1) : null;
                booked = s.quantities;
            }
            case UNKNOWN -> {
                strategy = pick < 0.5 ? "merge" : "keep_server";
                merged = strategy.equals("merge") ? corrected(s.doc, SoakShop.UNKNOWN_PRODUCT) : null;
                booked = merged == null ? null : without(s.quantities, SoakShop.UNKNOWN_PRODUCT);
            }
            default -> {
                long limited = Soak.SOLD_OUT_IN_FORBIDS;
                boolean othersLeft = s.quantities.keySet().stream().anyMatch(p -> p != limited);
                strategy = pick < 0.4 || (pick >= 0.7 && !othersLeft) ? "keep_local" : pick < 0.7 ? "keep_server" : "merge";
                merged = strategy.equals("merge") ? corrected(s.doc, limited) : null;
                booked = strategy.equals("keep_server") ? null : strategy.equals("merge") ? without(s.quantities, limited) : s.quantities;
            }
        }
        // written before the request: if the answer is lost, the database must still show this decision
        s.decision = new Decision(strategy, booked, refused, false);
        Answer a = resolve(s, strategy, merged, true);
        if (a.status == 200) {
            JsonNode data = a.body.path("data");
            if (booked != null && data.hasNonNull("server_id")) {
                s.serverId = data.get("server_id").asLong();
            }
        } else if (!(a.status == 409 && a.afterLostAnswer)) {
            problems.accept(s.reference + ": " + strategy + " of conflict " + s.conflictId + " answered " + a.status + " " + a.code);
            return;
        }
        if (random.nextInt(5) == 0) {
            Answer again = resolve(s, "keep_server", null, false);
            boolean refusedAgain = again.status == 409 && "already_resolved".equals(again.code);
            if (!refusedAgain) {
                problems.accept(s.reference + ": a second resolve answered " + again.status + " " + again.code);
            }
            s.decision = new Decision(strategy, booked, refused, refusedAgain);
        }
    }

    /** The sale with the lines of {@code dropProduct} taken out (none for -1) and its totals as the branch adds them up. */
    static ObjectNode corrected(ObjectNode doc, long dropProduct) {
        ObjectNode copy = doc.deepCopy();
        ArrayNode items = (ArrayNode) copy.get("items");
        long subtotal = 0;
        for (Iterator<JsonNode> it = items.iterator(); it.hasNext(); ) {
            JsonNode line = it.next();
            if (line.get("product_id").asLong() == dropProduct) {
                it.remove();
            } else {
                subtotal += line.get("subtotal").asLong();
            }
        }
        copy.put("subtotal", subtotal);
        copy.put("tax_total", subtotal / 10);
        copy.put("grand_total", subtotal + subtotal / 10);
        return copy;
    }

    private static Map<Long, Integer> without(Map<Long, Integer> quantities, long product) {
        Map<Long, Integer> rest = new TreeMap<>(quantities);
        rest.remove(product);
        return rest;
    }

    private record Answer(int status, String code, JsonNode body, boolean afterLostAnswer) {
    }

    /**
     * Sends one resolve until it is answered: again after silence, 429 or 503, as a back-office
     * would. {@code afterLostAnswer} says an earlier try may have committed, so a 409 is our own.
     */
    private Answer resolve(SoakSale s, String strategy, ObjectNode merged, boolean mayLose) {
        ObjectNode body = JSON.createObjectNode();
        body.put("strategy", strategy);
        if (merged != null) {
            body.set("merged_data", merged);
        }
        body.put("comment", "soak");
        byte[] bytes = JSON.writeValueAsBytes(body);
        boolean mayHaveCommitted = false;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            LossyProxy lossy = proxy.get();
            String base;
            boolean viaProxy = mayLose && loseNextAnswer && lossy != null;
            int droppedBefore = viaProxy ? lossy.dropped.get() : 0;
            if (viaProxy) {
                base = "http://127.0.0.1:" + lossy.port();
            } else {
                base = AppNode.pick(nodes.get(), random).base();
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/pos/offline/conflicts/"
                                + s.conflictId + "/resolve")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                        HttpResponse.BodyHandlers.ofString());
                count(Integer.toString(r.statusCode()));
                if (r.statusCode() == 429 || r.statusCode() >= 500) {
                    mayHaveCommitted |= r.statusCode() >= 500;
                    Pause.sleep(r.headers().firstValue("Retry-After").map(v -> Long.parseLong(v) * 1000).orElse(300L));
                    continue;
                }
                JsonNode json = JSON.readTree(r.body());
                return new Answer(r.statusCode(), json.path("error").path("code").asString(""), json, mayHaveCommitted);
            } catch (IOException e) {
                count("no answer");
                if (viaProxy && lossy.dropped.get() > droppedBefore) {
                    loseNextAnswer = false;
                    lostAnswer.run();
                }
                mayHaveCommitted = true;
                Pause.sleep(100 + random.nextInt(400));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Answer(0, "no answer within 5 minutes", JSON.createObjectNode(), mayHaveCommitted);
    }

    private void count(String answer) {
        answers.computeIfAbsent(answer, k -> new AtomicInteger()).incrementAndGet();
    }
}
