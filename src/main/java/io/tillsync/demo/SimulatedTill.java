package io.tillsync.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;

/**
 * One simulated till: it keeps its branch's catalog from the pull, sells from it into a local
 * queue, and sends the queue in batches whenever it is online, as a real till does. Everything it
 * knows of the server it learned through the device API.
 */
final class SimulatedTill {

    static final ZoneId SHOP_ZONE = ZoneId.of("Asia/Jakarta");
    private static final String SYNC = "/api/v1/pos/offline/batch-sync";
    private static final String CHANGES = "/api/v1/pos/offline/changes";
    private static final int BATCH = 50;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** A product as the till last heard of it. */
    private record Known(BigDecimal price, BigDecimal stock, boolean active) {
    }

    /** A sale, payment or void waiting on the till; {@code holdOnce} keeps it out of the next batch. */
    private static final class Queued {
        final String kind;
        final Map<String, Object> doc;
        boolean holdOnce;

        Queued(String kind, Map<String, Object> doc, boolean holdOnce) {
            this.kind = kind;
            this.doc = doc;
            this.holdOnce = holdOnce;
        }
    }

    /** A conflict of this till that waits for a person. */
    record OpenConflict(String id, String type, String reason, long seenAt) {
    }

    final String deviceId;
    final String branchCode;
    final boolean forbidsNegativeStock;
    private final DemoTraffic shop;
    private final DeviceApi api;
    private final RandomGenerator random;
    private final int cashier;
    private String token;

    private final Map<Long, Known> catalog = new LinkedHashMap<>();
    private BigDecimal taxRate = BigDecimal.ZERO;
    private boolean pricesIncludeTax;
    private String cursor;

    private LocalDate day;
    private int seq;
    private final List<Queued> queue = new ArrayList<>();
    private final Deque<String> booked = new ArrayDeque<>();
    final Map<String, OpenConflict> open = new LinkedHashMap<>();

    private boolean offline;
    private long offlineUntil;
    private long nextOutage;
    private long nextSaleAt;
    private long nextSyncAt;
    private long nextPullAt;
    private long pausedUntil;
    private boolean resendAfterSync;
    private String resend;
    private Long favourite;
    private int favouriteSales;
    Trouble pending;
    private boolean refused;

    SimulatedTill(DemoTraffic shop, DeviceApi api, RandomGenerator random, String deviceId, String branchCode,
                  boolean forbidsNegativeStock, String token, int cashier, LocalDate day, int lastSeq, long now) {
        this.shop = shop;
        this.api = api;
        this.random = random;
        this.deviceId = deviceId;
        this.branchCode = branchCode;
        this.forbidsNegativeStock = forbidsNegativeStock;
        this.token = token;
        this.cashier = cashier;
        this.day = day;
        this.seq = lastSeq;
        this.nextSaleAt = now + (long) (random.nextDouble() * 3e9);
        this.nextOutage = now + shop.rhythm().realNanos(5 + random.nextDouble() * 50);
    }

    boolean offline() {
        return offline;
    }

    int waiting() {
        return queue.size();
    }

    boolean hasBooked() {
        return !booked.isEmpty();
    }

    String token() {
        return token;
    }

    /** At most one request per call: a till never floods its server. */
    void tick(long now) throws InterruptedException {
        if (refused || now < pausedUntil) {
            return;
        }
        if (cursor == null) {
            pull(now);
            return;
        }
        if (now >= nextSaleAt) {
            sell(now);
            double perHour = shop.properties().salesPerHour() * Math.max(0.1, shop.rhythm().busyness(now));
            double simulatedMinutes = -Math.log(1 - random.nextDouble()) * 60 / perHour;
            nextSaleAt = now + shop.rhythm().realNanos(simulatedMinutes);
        }
        if (offline) {
            if (now < offlineUntil) {
                return;
            }
            offline = false;
            nextSyncAt = now;
            nextOutage = now + shop.rhythm().realNanos(20 + random.nextDouble() * 60);
        } else if (now >= nextOutage && shop.mayGoOffline(this)) {
            goOffline(now, 3 + random.nextDouble() * 7);
            return;
        }
        if (resend != null) {
            String body = resend;
            resend = null;
            send(body, List.of(), now);
            return;
        }
        if (!queue.isEmpty() && now >= nextSyncAt) {
            sync(now);
            nextSyncAt = now + (long) ((3 + random.nextDouble() * 5) * 1e9);
            // a till pulls right after it has caught up, then now and then
            if (queue.isEmpty()) {
                nextPullAt = Math.min(nextPullAt, now + 1_000_000_000L);
            }
            return;
        }
        if (now >= nextPullAt) {
            pull(now);
        }
    }

    void goOffline(long now, double simulatedMinutes) {
        offline = true;
        offlineUntil = now + Math.max(shop.rhythm().realNanos(simulatedMinutes), 15_000_000_000L);
    }

    /** The price of this product changed at the server while the till was offline: it sells it soon. */
    void favour(long productId) {
        favourite = productId;
        favouriteSales = 2;
    }

    Long someSoldProduct(List<Long> candidates) {
        List<Long> known = candidates.stream().filter(catalog::containsKey).toList();
        return known.isEmpty() ? null : known.get(random.nextInt(known.size()));
    }

    private void sell(long now) {
        LocalDate today = LocalDate.now(SHOP_ZONE);
        if (!today.equals(day)) {
            day = today;
            seq = 0;
        }
        Trouble trouble = pending;
        pending = null;
        List<Long> offered = catalog.entrySet().stream()
                .filter(e -> e.getValue().active() && e.getValue().price() != null)
                .filter(e -> !forbidsNegativeStock || e.getValue().stock() == null || e.getValue().stock().signum() > 0)
                .map(Map.Entry::getKey).toList();
        List<Map<String, Object>> lines = new ArrayList<>();
        if (trouble == Trouble.STOCK_OUT && forbidsNegativeStock) {
            stockOutLine(offered).ifPresent(lines::add);
        }
        List<Long> basket = new ArrayList<>(Menu.basket(offered, shop.rhythm().timeOfDay(now), random));
        if (favourite != null && favouriteSales > 0 && offered.contains(favourite) && !basket.contains(favourite)) {
            basket.addFirst(favourite);
            favouriteSales--;
        }
        for (long product : basket) {
            if (lines.stream().noneMatch(l -> l.get("product_id").equals(product)) && lines.size() < 4) {
                Known k = catalog.get(product);
                int qty = Menu.quantity(random);
                if (forbidsNegativeStock && k.stock() != null) {
                    qty = Math.max(1, Math.min(qty, k.stock().intValue()));
                }
                lines.add(line(product, qty, k.price()));
            }
        }
        if (trouble == Trouble.UNKNOWN_PRODUCT) {
            lines.add(line(9000 + random.nextInt(90), 1, BigDecimal.valueOf(9500)));
        }
        if (lines.isEmpty()) {
            return;
        }
        for (Map<String, Object> l : lines) {
            Known k = catalog.get((Long) l.get("product_id"));
            if (k != null && k.stock() != null) {
                catalog.put((Long) l.get("product_id"), new Known(k.price(), k.stock().subtract(new BigDecimal(l.get("quantity").toString())), k.active()));
            }
        }
        String reference;
        if (trouble == Trouble.REINSTALL_DUPLICATE && !booked.isEmpty()) {
            // restored from an old backup: the till numbers this sale like one it already sent
            reference = booked.peekLast();
        } else {
            seq += trouble == Trouble.SEQUENCE_GAP ? 2 : 1;
            reference = deviceId + "-" + DAY.format(day) + "-" + String.format("%03d", seq);
        }
        Map<String, Object> sale = sale(reference, lines, trouble == Trouble.BAD_TOTAL);
        queue.add(new Queued("transactions", sale, trouble == Trouble.VOID_BEFORE_SALE));
        if (trouble == Trouble.VOID_BEFORE_SALE || random.nextInt(60) == 0) {
            queue.add(new Queued("voids", voidOf(sale, trouble == Trouble.VOID_BEFORE_SALE
                    ? "pelanggan batal, pesanan belum dibuat" : "salah input pesanan"), false));
        }
        if (trouble == Trouble.RESENT_BATCH) {
            resendAfterSync = true;
        }
        shop.saleMade(this);
    }

    private java.util.Optional<Map<String, Object>> stockOutLine(List<Long> offered) {
        // the last few of something, sold by this till while another one had already sold them
        return offered.stream().filter(id -> catalog.get(id).stock() != null)
                .min((a, b) -> catalog.get(a).stock().compareTo(catalog.get(b).stock()))
                .map(id -> line(id, catalog.get(id).stock().intValue() + 1 + random.nextInt(3), catalog.get(id).price()));
    }

    private static Map<String, Object> line(long product, int qty, BigDecimal price) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("product_id", product);
        l.put("quantity", qty);
        l.put("unit_price", price);
        l.put("subtotal", price.multiply(BigDecimal.valueOf(qty)));
        return l;
    }

    private Map<String, Object> sale(String reference, List<Map<String, Object>> lines, boolean roundedUp) {
        BigDecimal subtotal = lines.stream().map(l -> (BigDecimal) l.get("subtotal")).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal tax = pricesIncludeTax ? null : subtotal.multiply(taxRate).setScale(2, RoundingMode.HALF_UP);
        BigDecimal grand = tax == null ? subtotal : subtotal.add(tax);
        if (roundedUp) {
            // a till set to round up to the next thousand for change
            grand = grand.divide(BigDecimal.valueOf(1000), 0, RoundingMode.FLOOR).add(BigDecimal.ONE).multiply(BigDecimal.valueOf(1000));
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("offline_id", UUID.randomUUID().toString());
        s.put("offline_reference", reference);
        s.put("device_id", deviceId);
        s.put("created_at_device", deviceClock());
        s.put("branch_code", branchCode);
        int r = random.nextInt(100);
        String method = r < 60 ? "CASH" : r < 92 ? "QRIS" : "DEBIT";
        s.put("payment_method", method);
        if (!method.equals("CASH")) {
            s.put("gateway_reference", (method.equals("QRIS") ? "QR" : "EDC") + HexFormat.of().toHexDigits(random.nextLong()).toUpperCase());
        }
        s.put("id_user_apps", cashier + random.nextInt(2));
        s.put("items", lines);
        s.put("subtotal", subtotal);
        s.put("discount_total", 0);
        if (tax != null) {
            s.put("tax_total", tax);
        }
        s.put("grand_total", grand);
        s.put("status", "paid");
        s.put("is_offline", offline);
        return s;
    }

    private Map<String, Object> voidOf(Map<String, Object> sale, String reason) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("offline_id", UUID.randomUUID().toString());
        v.put("transaction_offline_id", sale.get("offline_id"));
        v.put("reason", reason);
        v.put("voided_at_device", deviceClock());
        v.put("id_user_apps", sale.get("id_user_apps"));
        return v;
    }

    private static String deviceClock() {
        return OffsetDateTime.now(SHOP_ZONE).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private void sync(long now) throws InterruptedException {
        List<Queued> batch = new ArrayList<>();
        for (Queued q : queue) {
            if (q.holdOnce) {
                q.holdOnce = false;
            } else if (batch.size() < BATCH) {
                batch.add(q);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        // the server answers transactions, then payments, then voids: keep the same order here
        List<Queued> ordered = new ArrayList<>();
        Map<String, Object> body = new LinkedHashMap<>();
        for (String kind : List.of("transactions", "payments", "voids")) {
            List<Map<String, Object>> docs = new ArrayList<>();
            for (Queued q : batch) {
                if (q.kind.equals(kind)) {
                    docs.add(q.doc);
                    ordered.add(q);
                }
            }
            body.put(kind, docs);
        }
        body.put("device_id", deviceId);
        body.put("synced_at", deviceClock());
        body.put("queue_depth", queue.size() - batch.size());
        body.put("app_version", "kasir-demo 2.4.1");
        String json = DeviceApi.JSON.writeValueAsString(body);
        if (send(json, ordered, now) && resendAfterSync) {
            resendAfterSync = false;
            resend = json;
        }
    }

    /** Sends a batch; true when the server answered it. */
    private boolean send(String json, List<Queued> items, long now) throws InterruptedException {
        DeviceApi.Reply r = api.post(SYNC, token, json);
        if (!answered(r, now)) {
            return false;
        }
        JsonNode results = r.data().path("results");
        for (int i = 0; i < items.size() && i < results.size(); i++) {
            JsonNode result = results.get(i);
            Queued q = items.get(i);
            boolean stored = result.path("success").asBoolean() || result.path("conflict_detected").asBoolean();
            if (stored || !"internal_error".equals(result.path("error").path("code").asString())) {
                queue.remove(q);
            }
            if (q.kind.equals("transactions") && result.path("success").asBoolean() && !result.path("replayed").asBoolean()) {
                booked.addLast((String) q.doc.get("offline_reference"));
                if (booked.size() > 20) {
                    booked.removeFirst();
                }
            }
        }
        for (JsonNode c : r.data().path("conflicts")) {
            String id = c.path("conflict_id").asString();
            if ("open".equals(c.path("status").asString()) && !c.path("auto_resolved").asBoolean()) {
                open.putIfAbsent(id, new OpenConflict(id, c.path("conflict_type").asString(), c.path("reason").asString(), now));
            }
        }
        return true;
    }

    private void pull(long now) throws InterruptedException {
        DeviceApi.Reply r = api.get(CHANGES + (cursor == null ? "" : "?since=" + cursor), token);
        nextPullAt = now + (long) ((15 + random.nextDouble() * 15) * 1e9);
        if (!answered(r, now)) {
            return;
        }
        JsonNode data = r.data();
        JsonNode branch = data.path("branch");
        if (branch.has("tax_rate")) {
            taxRate = decimal(branch.get("tax_rate"));
            pricesIncludeTax = branch.path("prices_include_tax").asBoolean();
        }
        for (JsonNode p : data.path("products")) {
            catalog.put(p.path("product_id").asLong(), new Known(decimal(p.get("price")), decimal(p.get("stock_on_hand")),
                    p.path("active").asBoolean(true)));
        }
        for (JsonNode c : data.path("conflicts")) {
            if ("resolved".equals(c.path("status").asString())) {
                open.remove(c.path("conflict_id").asString());
            }
        }
        cursor = data.path("cursor").asString();
        if (data.path("has_more").asBoolean()) {
            nextPullAt = now;
        }
    }

    /** Resolves one of this till's conflicts as the store manager decided it at the till. */
    boolean resolve(OpenConflict c, String strategy, String comment) throws InterruptedException {
        String body = DeviceApi.JSON.writeValueAsString(Map.of("strategy", strategy, "comment", comment));
        DeviceApi.Reply r = api.post("/api/v1/pos/offline/conflicts/" + c.id() + "/resolve", token, body);
        if (r.status() == 200 || r.status() == 409 || r.status() == 404 || r.status() == 422) {
            open.remove(c.id());
        }
        return r.status() == 200;
    }

    private boolean answered(DeviceApi.Reply r, long now) {
        if (r.status() == 401) {
            // revoked or rotated in the back-office: this till stops sending, as a real one would
            refused = true;
            shop.refused(this);
            return false;
        }
        if (r.status() == 429) {
            pausedUntil = now + Math.max(1, r.retryAfterSeconds()) * 1_000_000_000L;
            return false;
        }
        if (!r.ok()) {
            pausedUntil = now + 5_000_000_000L;
            return false;
        }
        return true;
    }

    private static BigDecimal decimal(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asString());
    }
}
