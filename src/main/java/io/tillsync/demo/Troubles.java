package io.tillsync.demo;

import io.tillsync.catalog.CatalogService;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deals out what goes wrong at the tills, and now and then settles a conflict the way a store
 * manager would. The first round shows every kind of trouble within the first minute or so; after
 * that they come shuffled, one sale in {@code every} on average.
 */
final class Troubles {

    private static final Logger log = LoggerFactory.getLogger(Troubles.class);
    private static final List<Trouble> FIRST_ROUND = List.of(Trouble.BAD_TOTAL, Trouble.UNKNOWN_PRODUCT,
            Trouble.REINSTALL_DUPLICATE, Trouble.PRICE_CHANGED_OFFLINE, Trouble.STOCK_OUT, Trouble.VOID_BEFORE_SALE,
            Trouble.SEQUENCE_GAP, Trouble.RESENT_BATCH);
    /** Sold often enough to be in an offline till's next sales; 1238 keeps the contract example's price. */
    private static final List<Long> PRICE_CHANGES = List.of(1239L, 1241L, 1242L, 1243L, 1244L, 1247L, 1248L, 1252L, 1254L);
    /** A conflict is left open this long before anyone settles it, and one of each type always waits. */
    private static final long LEFT_OPEN_NANOS = 45_000_000_000L;

    private final DemoTraffic shop;
    private final CatalogService catalog;
    private final Shelves shelves;
    private final Map<String, Long> branchIds;
    private final RandomGenerator random;
    private final int every;
    private final Deque<Trouble> deck = new ArrayDeque<>(FIRST_ROUND);
    private boolean firstRound = true;
    private int salesUntilNext = 2;
    private long nextResolutionAt;

    Troubles(DemoTraffic shop, CatalogService catalog, Shelves shelves, Map<String, Long> branchIds, RandomGenerator random, int every) {
        this.shop = shop;
        this.catalog = catalog;
        this.shelves = shelves;
        this.branchIds = branchIds;
        this.random = random;
        this.every = every;
        this.nextResolutionAt = System.nanoTime() + 2 * LEFT_OPEN_NANOS;
    }

    void afterSale(long now, List<SimulatedTill> tills) {
        if (--salesUntilNext > 0) {
            return;
        }
        if (deck.isEmpty()) {
            firstRound = false;
            List<Trouble> round = new ArrayList<>(List.of(Trouble.values()));
            Collections.shuffle(round, new java.util.Random(random.nextLong()));
            deck.addAll(round);
        }
        Trouble next = deck.removeFirst();
        if (assign(next, now, tills)) {
            salesUntilNext = firstRound ? 3 : 1 + random.nextInt(2 * every - 1);
        } else {
            // not possible right now (no till has sent a sale yet, say): the next one first, this one later
            deck.addLast(next);
            salesUntilNext = 1;
        }
    }

    private boolean assign(Trouble trouble, long now, List<SimulatedTill> tills) {
        List<SimulatedTill> candidates = new ArrayList<>(tills.stream().filter(t -> t.pending == null).toList());
        switch (trouble) {
            case STOCK_OUT -> candidates.removeIf(t -> !t.forbidsNegativeStock);
            case REINSTALL_DUPLICATE -> candidates.removeIf(t -> !t.hasBooked());
            case PRICE_CHANGED_OFFLINE -> {
                return changePriceWhileOffline(now, candidates);
            }
            default -> {
                // online tills first, so the trouble reaches the server soon
                if (candidates.stream().anyMatch(t -> !t.offline())) {
                    candidates.removeIf(SimulatedTill::offline);
                }
            }
        }
        if (candidates.isEmpty()) {
            return false;
        }
        candidates.get(random.nextInt(candidates.size())).pending = trouble;
        return true;
    }

    /** A price changes in the back-office while a till is offline: its next sales carry the old price. */
    private boolean changePriceWhileOffline(long now, List<SimulatedTill> tills) {
        List<SimulatedTill> offline = tills.stream().filter(SimulatedTill::offline).toList();
        SimulatedTill till;
        if (!offline.isEmpty()) {
            till = offline.get(random.nextInt(offline.size()));
        } else {
            List<SimulatedTill> able = tills.stream().filter(shop::mayGoOffline).toList();
            if (able.isEmpty()) {
                return false;
            }
            till = able.get(random.nextInt(able.size()));
            till.goOffline(now, 4 + random.nextDouble() * 4);
        }
        Long product = till.someSoldProduct(PRICE_CHANGES);
        long branchId = branchIds.get(till.branchCode);
        BigDecimal base = product == null ? null : shelves.basePrice(branchId, product);
        if (base == null) {
            return false;
        }
        BigDecimal current = catalog.catalog(branchId, List.of(product)).stream().findFirst()
                .map(CatalogService.CatalogEntry::price).orElse(base);
        BigDecimal step = BigDecimal.valueOf(base.compareTo(BigDecimal.valueOf(20000)) >= 0 ? 2000 : 1000);
        BigDecimal price = current.compareTo(base) == 0 ? base.add(step) : base;
        // whole seconds, as tills stamp their sales: a sale in the same second already carries the new price
        catalog.setPrice(branchId, product, price, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        till.favour(product);
        log.debug("Demo: product {} in {} now costs {} while {} is offline", product, till.branchCode, price, till.deviceId);
        return true;
    }

    /** Every few simulated minutes a person settles one conflict, never the last waiting one of its type. */
    void resolveNowAndThen(long now, List<SimulatedTill> tills) throws InterruptedException {
        if (now < nextResolutionAt) {
            return;
        }
        nextResolutionAt = now + Math.max(shop.rhythm().realNanos(4 + random.nextDouble() * 6), 20_000_000_000L);
        Map<String, List<Map.Entry<SimulatedTill, SimulatedTill.OpenConflict>>> byType = new LinkedHashMap<>();
        for (SimulatedTill till : tills) {
            if (till.offline()) {
                continue;
            }
            for (SimulatedTill.OpenConflict c : till.open.values()) {
                byType.computeIfAbsent(c.type(), k -> new ArrayList<>()).add(Map.entry(till, c));
            }
        }
        List<List<Map.Entry<SimulatedTill, SimulatedTill.OpenConflict>>> settleable = byType.values().stream()
                .filter(l -> l.size() >= 2).toList();
        if (settleable.isEmpty()) {
            return;
        }
        var oldest = settleable.get(random.nextInt(settleable.size())).stream()
                .min(Comparator.comparingLong(e -> e.getValue().seenAt())).orElseThrow();
        SimulatedTill.OpenConflict c = oldest.getValue();
        if (now - c.seenAt() < LEFT_OPEN_NANOS) {
            return;
        }
        String[] decision = switch (c.reason()) {
            case "insufficient_stock" -> new String[] {"keep_local", "Barang masih ada di rak; stok disesuaikan"};
            case "unknown_product" -> new String[] {"keep_server", "Produk belum ada di katalog; kasir input ulang dengan kode yang benar"};
            case "duplicate_reference", "duplicate_offline_id" -> new String[] {"keep_server", "Sudah tercatat; salinan setelah instal ulang tidak dibukukan"};
            default -> new String[] {"keep_server", "Total dihitung ulang sesuai harga server; selisih dicatat"};
        };
        oldest.getKey().resolve(c, decision[0], decision[1]);
    }
}
