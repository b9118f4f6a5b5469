package io.tillsync.sync;

import io.tillsync.catalog.CatalogService;
import io.tillsync.catalog.PriceBook;
import io.tillsync.catalog.ProductInfo;
import io.tillsync.catalog.ResolutionPolicy;
import io.tillsync.conflicts.ConflictRef;
import io.tillsync.conflicts.ConflictStore;
import io.tillsync.conflicts.NewConflict;
import io.tillsync.devices.SequenceNumber;
import io.tillsync.sales.BookedSale;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.Fingerprints;
import io.tillsync.sales.Issue;
import io.tillsync.sales.ItemError;
import io.tillsync.sales.SaleBooker;
import io.tillsync.sales.SaleBooking;
import io.tillsync.sales.SaleDoc;
import io.tillsync.sales.SaleRules;
import io.tillsync.sales.SalesLookup;
import io.tillsync.sales.StoredSale;
import io.tillsync.sales.WireReader;
import io.tillsync.sales.WireWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Transactions of a batch: read, recognise replays and duplicates, check, then book in bulk or record a conflict. */
@Component
class SalePhase {

    static final String TYPE = "transaction";

    private final SalesLookup lookup;
    private final CatalogService catalog;
    private final ConflictStore conflicts;
    private final SaleBooker booker;
    private final ConflictResults conflictResults;

    SalePhase(SalesLookup lookup, CatalogService catalog, ConflictStore conflicts, SaleBooker booker, ConflictResults conflictResults) {
        this.lookup = lookup;
        this.catalog = catalog;
        this.conflicts = conflicts;
        this.booker = booker;
        this.conflictResults = conflictResults;
    }

    private record Parsed(int index, JsonNode raw, SaleDoc doc, String fingerprint, ItemError error) {
    }

    private record Pending(int index, SaleBooking booking, NewConflict autoConflict, Issue leading) {
    }

    private record Duplicate(Parsed item, StoredSale other, String reason, String message) {
    }

    void run(BatchContext ctx, List<JsonNode> items, int offset) {
        List<Parsed> parsed = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            parsed.add(read(ctx, offset + i, items.get(i)));
        }
        Set<String> keys = new HashSet<>();
        for (Parsed p : parsed) {
            if (p.doc() != null) {
                keys.add(SalesLookup.key(p.doc().offlineId()));
            }
        }
        Map<String, StoredSale> stored = lookup.salesByOfflineIds(keys);
        Map<String, ConflictRef> known = conflicts.findByItems(TYPE, keys);
        // a batch of replays needs no catalog: read it only for sales the server has not seen
        Set<Long> productIds = new HashSet<>();
        Set<String> newRefs = new HashSet<>();
        for (Parsed p : parsed) {
            String key = p.doc() == null ? null : SalesLookup.key(p.doc().offlineId());
            if (key != null && !stored.containsKey(key) && !known.containsKey(key)) {
                p.doc().items().forEach(l -> productIds.add(l.productId()));
                newRefs.add(p.doc().offlineReference());
            }
        }
        Map<String, StoredSale> byRef = lookup.salesByReferences(ctx.device.deviceId(), newRefs);
        Map<Long, ProductInfo> products = catalog.products(productIds);
        PriceBook prices = catalog.prices(ctx.branch.getId(), productIds);
        Map<Long, BigDecimal> stock = catalog.stock(ctx.branch.getId(), productIds);

        List<Pending> pending = new ArrayList<>();
        Map<String, Parsed> inBatch = new HashMap<>();
        Map<Integer, Integer> repeats = new HashMap<>();
        List<Duplicate> duplicates = new ArrayList<>();
        for (Parsed p : parsed) {
            if (p.error() != null) {
                ctx.results[p.index()] = ItemResult.failed(WireReader.offlineIdOf(p.raw()), TYPE, p.error());
                continue;
            }
            SaleDoc d = p.doc();
            String key = SalesLookup.key(d.offlineId());
            Parsed earlier = inBatch.putIfAbsent(key, p);
            if (earlier != null) {
                if (earlier.fingerprint().equals(p.fingerprint())) {
                    repeats.put(p.index(), earlier.index());
                } else {
                    ctx.results[p.index()] = ItemResult.failed(d.offlineId(), TYPE, new ItemError("duplicate_offline_id",
                            "Another sale with this offline_id and other content appears earlier in this batch", "offline_id"));
                }
                continue;
            }
            StoredSale same = stored.get(key);
            ConflictRef conflict = known.get(key);
            if (same == null && conflict == null) {
                SequenceNumber.parse(d.deviceId(), d.offlineReference()).ifPresent(ctx.sequenceNumbers::add);
            }
            if (conflict != null && conflict.localFingerprint().equals(p.fingerprint())) {
                // a replay of an item that had a conflict answers with that conflict, as the first time
                ctx.results[p.index()] = conflictResults.replay(conflict, p.fingerprint(), same);
                if (same != null) {
                    ctx.sales.put(key, BatchContext.KnownSale.of(same));
                }
            } else if (same != null && same.fingerprint().equals(p.fingerprint())) {
                ctx.results[p.index()] = new ItemResult(d.offlineId(), TYPE, true, same.id(), same.transactionCode(),
                        false, true, null, null, null, null, null);
                ctx.sales.put(key, BatchContext.KnownSale.of(same));
            } else if (conflict != null) {
                ctx.results[p.index()] = conflictResults.replay(conflict, p.fingerprint(), same);
                if (same != null) {
                    ctx.sales.put(key, BatchContext.KnownSale.of(same));
                }
            } else if (same != null) {
                duplicates.add(new Duplicate(p, same, Issue.DUPLICATE_OFFLINE_ID,
                        "offline_id: a different sale with this offline_id is stored"));
                ctx.sales.put(key, BatchContext.KnownSale.of(same));
            } else if (byRef.containsKey(d.offlineReference())) {
                duplicates.add(new Duplicate(p, byRef.get(d.offlineReference()), Issue.DUPLICATE_REFERENCE,
                        "offline_reference: this device already sent another sale with this reference"));
            } else {
                check(ctx, p, products, prices, stock, pending);
            }
        }
        if (!duplicates.isEmpty()) {
            Map<Long, String> rawJson = lookup.rawJsonByIds(duplicates.stream().map(x -> x.other().id()).toList());
            duplicates.forEach(x -> duplicate(ctx, x, rawJson.get(x.other().id())));
        }
        book(ctx, pending);
        // the same sale twice in one batch: the second answers like a replay of the first
        repeats.forEach((index, earlier) -> ctx.results[index] = ctx.results[earlier].asReplay());
    }

    private Parsed read(BatchContext ctx, int index, JsonNode raw) {
        try {
            SaleDoc doc = WireReader.sale(raw);
            if (!doc.branchCode().equals(ctx.device.branchCode())) {
                return new Parsed(index, raw, null, null, new ItemError("branch_mismatch",
                        "branch_code: this device belongs to branch " + ctx.device.branchCode(), "branch_code"));
            }
            if (!doc.deviceId().equals(ctx.device.deviceId())) {
                return new Parsed(index, raw, null, null, new ItemError("device_mismatch",
                        "device_id: the token belongs to device " + ctx.device.deviceId(), "device_id"));
            }
            return new Parsed(index, raw, doc, Fingerprints.of(doc), null);
        } catch (WireReader.Invalid e) {
            return new Parsed(index, raw, null, null, e.error());
        }
    }

    private void duplicate(BatchContext ctx, Duplicate dup, String otherRawJson) {
        StoredSale other = dup.other();
        JsonNode server = WireWriter.parse(otherRawJson);
        if (server instanceof ObjectNode o) {
            o.put("server_id", other.id());
            o.put("transaction_code", other.transactionCode());
            o.put("status", other.status());
        }
        Issue issue = new Issue(ConflictType.DUPLICATE, dup.reason(), dup.message(), null);
        record(ctx, dup.item(), issue, WireWriter.write(server), false, null, null);
    }

    private void check(BatchContext ctx, Parsed p, Map<Long, ProductInfo> products, PriceBook prices,
                       Map<Long, BigDecimal> stock, List<Pending> pending) {
        SaleDoc d = p.doc();
        SaleRules.Checked checked = SaleRules.check(d, ctx.branch, products, prices);
        List<Issue> issues = new ArrayList<>(checked.issues());
        boolean blocked = !issues.isEmpty() && !Policies.allKeepLocal(ctx.branch, issues);
        boolean stockTaken = false;
        if (!blocked) {
            Map<Long, BigDecimal> wanted = new TreeMap<>();
            d.items().forEach(l -> wanted.merge(l.productId(), l.quantity(), BigDecimal::add));
            if (ctx.branch.isAllowNegativeStock()) {
                for (var e : wanted.entrySet()) {
                    BigDecimal onHand = stock.getOrDefault(e.getKey(), BigDecimal.ZERO);
                    if (onHand.compareTo(e.getValue()) < 0) {
                        issues.add(stockIssue(e.getKey(), onHand, e.getValue()));
                    }
                    stock.put(e.getKey(), onHand.subtract(e.getValue()));
                }
            } else {
                Map<Long, BigDecimal> taken = new LinkedHashMap<>();
                for (var e : wanted.entrySet()) {
                    if (catalog.takeStockIfAvailable(ctx.branch.getId(), e.getKey(), e.getValue())) {
                        taken.put(e.getKey(), e.getValue());
                    } else {
                        issues.add(stockIssue(e.getKey(), catalog.stock(ctx.branch.getId(), List.of(e.getKey()))
                                .getOrDefault(e.getKey(), BigDecimal.ZERO), e.getValue()));
                        // give back what the earlier lines of this sale took
                        catalog.applyStockDeltas(ctx.branch.getId(), taken);
                        taken.clear();
                        break;
                    }
                }
                stockTaken = !taken.isEmpty() || wanted.isEmpty();
            }
        }
        String raw = WireWriter.write(p.raw());
        if (issues.isEmpty()) {
            pending.add(new Pending(p.index(), booking(ctx, p, checked, raw, null, stockTaken), null, null));
            return;
        }
        Issue leading = Policies.leading(ctx.branch, issues);
        String serverData = serverData(leading, issues, checked);
        if (Policies.allKeepLocal(ctx.branch, issues)) {
            String conflictId = UUID.randomUUID().toString();
            NewConflict auto = newConflict(ctx, p, conflictId, leading, serverData, false,
                    ResolutionPolicy.KEEP_LOCAL.wire(), raw, issues);
            pending.add(new Pending(p.index(), booking(ctx, p, checked, raw, conflictId, stockTaken), auto, leading));
        } else {
            record(ctx, p, leading, serverData, false, null, issues);
        }
    }

    private static Issue stockIssue(long productId, BigDecimal onHand, BigDecimal wanted) {
        return new Issue(ConflictType.CONSTRAINT_VIOLATION, Issue.INSUFFICIENT_STOCK,
                "product " + productId + ": " + onHand.stripTrailingZeros().toPlainString() + " on hand, "
                        + wanted.stripTrailingZeros().toPlainString() + " sold",
                SaleRules.stateOf("rule", Issue.INSUFFICIENT_STOCK, "product_id", productId, "stock_on_hand", onHand,
                        "quantity_sold", wanted));
    }

    private static String serverData(Issue leading, List<Issue> issues, SaleRules.Checked checked) {
        if (leading.type() == ConflictType.DATA_MISMATCH) {
            ObjectNode server = WireWriter.sale(checked.serverVersion());
            server.put("price_variance", checked.priceVariance());
            return WireWriter.write(server);
        }
        ObjectNode state = WireWriter.state(leading.serverState() == null ? Map.of("rule", leading.reason()) : leading.serverState());
        state.put("message", leading.message());
        var others = state.putArray("issues");
        issues.forEach(i -> others.addObject().put("reason", i.reason()).put("message", i.message()));
        return WireWriter.write(state);
    }

    private SaleBooking booking(BatchContext ctx, Parsed p, SaleRules.Checked checked, String raw, String conflictId, boolean stockTaken) {
        return new SaleBooking(p.doc(), ctx.device.devicePk(), ctx.branch.getId(), ctx.device.merchantCode(),
                ctx.branch.getCode(), p.fingerprint(), raw, checked.taxTotal(), checked.priceVariance(), checked.serverPrices(),
                conflictId, stockTaken, ctx.receivedAt);
    }

    private NewConflict newConflict(BatchContext ctx, Parsed p, String conflictId, Issue leading, String serverData, boolean held,
                                    String autoStrategy, String finalData, List<Issue> issues) {
        String fix = Policies.suggestedFix(leading);
        if (issues != null && issues.size() > 1) {
            fix = fix + " (" + issues.size() + " issues: " + String.join(", ", issues.stream().map(Issue::reason).toList()) + ")";
        }
        return new NewConflict(conflictId, TYPE, p.doc().offlineId(), p.doc().offlineReference(), leading.type(),
                leading.reason(), WireWriter.write(p.raw()), serverData, fix, p.fingerprint(), ctx.branch.getId(),
                ctx.device.devicePk(), ctx.device.deviceId(), null, held, autoStrategy, null, finalData);
    }

    private void record(BatchContext ctx, Parsed p, Issue leading, String serverData, boolean held, String autoStrategy, List<Issue> issues) {
        NewConflict c = newConflict(ctx, p, UUID.randomUUID().toString(), leading, serverData, held, autoStrategy, null, issues);
        ctx.newConflicts.add(c);
        ctx.results[p.index()] = conflictResults.opened(c);
        ctx.conflicts.add(conflictResults.report(c));
    }

    private void book(BatchContext ctx, List<Pending> pending) {
        List<BookedSale> booked = booker.bookSales(pending.stream().map(Pending::booking).toList());
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            BookedSale b = booked.get(i);
            SaleDoc d = p.booking().doc();
            String key = SalesLookup.key(d.offlineId());
            ctx.sales.put(key, new BatchContext.KnownSale(b.id(), ctx.branch.getId(), d.grandTotal(), BigDecimal.ZERO, false));
            ctx.bookedSaleKeys.add(key);
            if (p.autoConflict() == null) {
                ctx.results[p.index()] = ItemResult.booked(d.offlineId(), TYPE, b.id(), b.transactionCode());
            } else {
                NewConflict c = withBooked(p.autoConflict(), b.id());
                ctx.newConflicts.add(c);
                ctx.results[p.index()] = new ItemResult(d.offlineId(), TYPE, true, b.id(), b.transactionCode(), true, false,
                        c.conflictId(), ConflictRef.RESOLVED, true, c.autoStrategy(), null);
                ctx.conflicts.add(conflictResults.report(c));
            }
        }
    }

    static NewConflict withBooked(NewConflict c, long bookedId) {
        return new NewConflict(c.conflictId(), c.itemType(), c.offlineId(), c.offlineReference(), c.type(), c.reason(),
                c.localData(), c.serverData(), c.suggestedFix(), c.localFingerprint(), c.branchId(), c.devicePk(), c.deviceId(),
                c.relatedOfflineId(), c.held(), c.autoStrategy(), bookedId, c.finalData());
    }
}
