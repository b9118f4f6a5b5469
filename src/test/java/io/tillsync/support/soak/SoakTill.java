package io.tillsync.support.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A till: sells, queues, syncs in batches of up to 50, and sends again, with the same content,
 * whatever it did not see answered. A sale stored as a conflict that waits goes to its
 * manager. Its ledger is every sale it made.
 */
public final class SoakTill implements Runnable {

    private static final int BATCH = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final String deviceId;
    public final String branch;
    public final List<SoakSale> ledger = new ArrayList<>();
    /** Faults the run aims at this till's next batch; its {@link SoakFleet.Route} carries them out. */
    public volatile boolean loseNextResponse;
    public volatile boolean sendToBothNodes;
    private final String token;
    private final Set<Long> runsOut;
    private final Consumer<SoakSale> manager;
    private final SoakFleet fleet;
    private final Random random;
    private final List<SoakSale> pendingSales = new ArrayList<>();
    private final List<SoakSale> pendingVoids = new ArrayList<>();
    private int seq;

    SoakTill(SoakFleet fleet, String deviceId, String token, String branch, Set<Long> runsOut, Consumer<SoakSale> manager, long seed) {
        this.fleet = fleet;
        this.deviceId = deviceId;
        this.token = token;
        this.branch = branch;
        this.runsOut = runsOut;
        this.manager = manager;
        this.random = new Random(seed);
    }

    /** The till's own chance: which node a batch goes to, how long it waits before sending again. */
    public Random random() {
        return random;
    }

    @Override
    public void run() {
        SoakFleet.Habits habits = fleet.habits;
        while (!fleet.stop) {
            if (fleet.selling) {
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                    SoakSale s = new SoakSale(deviceId, branch, runsOut, ++seq, random, habits.badTotals(), habits.unknownProducts());
                    ledger.add(s);
                    pendingSales.add(s);
                }
                if (habits.voids() && random.nextInt(8) == 0) {
                    SoakSale candidate = ledger.get(random.nextInt(ledger.size()));
                    if (candidate.serverId != null && candidate.voidDoc == null) {
                        candidate.voidIt();
                        pendingVoids.add(candidate);
                    }
                }
            }
            if (fleet.offline) {
                Pause.sleep(50);
                continue;
            }
            if (pendingSales.isEmpty() && pendingVoids.isEmpty()) {
                if (!fleet.selling) {
                    fleet.idle.add(deviceId);
                    Pause.sleep(100);
                }
                continue;
            }
            fleet.idle.remove(deviceId);
            sync();
        }
    }

    private void sync() {
        List<SoakSale> sales = new ArrayList<>(pendingSales.subList(0, Math.min(pendingSales.size(), BATCH)));
        List<SoakSale> voids = new ArrayList<>(pendingVoids.subList(0, Math.min(pendingVoids.size(), BATCH - sales.size())));
        ObjectNode batch = JsonNodeFactory.instance.objectNode();
        ArrayNode tx = batch.putArray("transactions");
        sales.forEach(s -> tx.add(s.doc));
        batch.putArray("payments");
        ArrayNode vs = batch.putArray("voids");
        voids.forEach(s -> vs.add(s.voidDoc));
        batch.put("device_id", deviceId);
        batch.put("synced_at", Instant.now().toString());
        batch.put("queue_depth", pendingSales.size() + pendingVoids.size() - sales.size() - voids.size());
        long sentAt = System.nanoTime();
        for (HttpResponse<String> r : fleet.route.send(this, JSON.writeValueAsBytes(batch))) {
            if (absorb(r, sales, voids)) {
                fleet.committed(sentAt);
            }
        }
    }

    /**
     * Sends a batch to one node (or proxy) and returns its answer, none when none came. After
     * anything but a 200 the till waits a moment (at least Retry-After, where its habits say so)
     * before it sends again.
     */
    public List<HttpResponse<String>> send(byte[] batch, String base) {
        fleet.requests.incrementAndGet();
        try {
            HttpResponse<String> r = fleet.http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/pos/offline/batch-sync"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(batch)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                long retryAfter = fleet.habits.honoursRetryAfter() ? r.headers().firstValueAsLong("Retry-After").orElse(0) * 1000 : 0;
                Pause.sleep(Math.max(retryAfter, 100 + random.nextInt(400)));
            }
            return List.of(r);
        } catch (IOException e) {
            fleet.count("no answer");
            Pause.sleep(100 + random.nextInt(400));
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Takes what the server acknowledged off the queue; anything else stays queued and is sent again. True when something was. */
    private synchronized boolean absorb(HttpResponse<String> r, List<SoakSale> sales, List<SoakSale> voids) {
        fleet.count(Integer.toString(r.statusCode()));
        if (r.statusCode() != 200) {
            return false;
        }
        JsonNode results = JSON.readTree(r.body()).path("data").path("results");
        if (!results.isArray() || results.size() != sales.size() + voids.size()) {
            fleet.problems.add(deviceId + " got 200 without one result per item: " + r.body());
            return false;
        }
        boolean committed = false;
        for (int i = 0; i < sales.size(); i++) {
            JsonNode result = results.get(i);
            SoakSale s = sales.get(i);
            boolean success = result.path("success").asBoolean(false);
            if (result.path("conflict_detected").asBoolean(false)) {
                String conflictId = result.path("conflict_id").asString("");
                if (s.conflictId == null) {
                    s.conflictId = conflictId;
                    if (!success) {
                        manager.accept(s);
                    }
                } else if (!s.conflictId.equals(conflictId)) {
                    fleet.conflictsSeen.incrementAndGet();
                    fleet.problems.add(deviceId + " " + s.reference + " got conflict " + s.conflictId + " and " + conflictId);
                }
            } else if (!success && result.has("error")) {
                fleet.itemError(result.path("error").path("code").asString("?"));
            }
            if (success) {
                long id = result.path("server_id").asLong();
                if (s.serverId == null) {
                    s.serverId = id;
                } else if (s.serverId != id) {
                    fleet.doubledSeen.incrementAndGet();
                    fleet.problems.add(deviceId + " " + s.reference + " acknowledged as " + s.serverId + " and as " + id);
                }
            }
            // booked, or stored as a conflict the manager sees: either way the till is done sending it
            if (success || s.conflictId != null) {
                committed = true;
                if (!s.answered) {
                    s.answered = true;
                    fleet.acknowledged.incrementAndGet();
                }
                pendingSales.remove(s);
            }
        }
        for (int i = 0; i < voids.size(); i++) {
            JsonNode result = results.get(sales.size() + i);
            if (result.path("conflict_detected").asBoolean(false)) {
                fleet.conflictsSeen.incrementAndGet();
                fleet.problems.add(deviceId + " void of " + voids.get(i).reference + " got a conflict: " + result);
            }
            if (result.path("success").asBoolean(false)) {
                committed = true;
                voids.get(i).voidAcked = true;
                pendingVoids.remove(voids.get(i));
            }
        }
        return committed;
    }
}
