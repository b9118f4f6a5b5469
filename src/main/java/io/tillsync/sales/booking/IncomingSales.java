package io.tillsync.sales.booking;

import io.tillsync.catalog.CatalogService;
import io.tillsync.catalog.PriceBook;
import io.tillsync.catalog.ProductInfo;
import io.tillsync.catalog.ResolutionPolicy;
import io.tillsync.catalog.Stock;
import io.tillsync.devices.SequenceNumber;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.ItemKind;
import io.tillsync.sales.ItemResult.ItemError;
import io.tillsync.sales.ItemResult;
import io.tillsync.sales.Reason;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sales of a batch: read, triaged, checked against the rules, given their stock in one call,
 * then booked in bulk or recorded as conflicts. A sale the branch's policy settles is booked in
 * the same bulk write as a plain one, its conflict recorded as resolved beside it.
 */
@Component
class IncomingSales {

    private final SalesLookup lookup;
    private final CatalogService catalog;
    private final Stock stock;
    private final ConflictStore conflicts;
    private final Booker booker;

    IncomingSales(SalesLookup lookup, CatalogService catalog, Stock stock, ConflictStore conflicts, Booker booker) {
        this.lookup = lookup;
        this.catalog = catalog;
        this.stock = stock;
        this.conflicts = conflicts;
        this.booker = booker;
    }

    /** A sale that passed the rules its policy cannot settle, waiting for its stock. */
    private record Candidate(Triage.Received<SaleDoc> item, SaleRules.Checked checked) {
    }

    private record Duplicate(Triage.Received<SaleDoc> item, StoredSale other, String reason, String message) {
    }

    void run(Batch b, List<JsonNode> items, int offset) {
        List<Triage.Received<SaleDoc>> received = new ArrayList<>(items.size());
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Triage.Received<SaleDoc> r = read(b, offset + i, items.get(i));
            received.add(r);
            if (r.doc() != null) {
                keys.add(r.key());
            }
        }
        Map<String, StoredSale> stored = lookup.salesByOfflineIds(keys);
        Map<String, StoredConflict> known = conflicts.findByItems(ItemKind.SALE, keys);
        // a batch of replays needs no catalog: read it only for sales the server has not seen
        Set<Long> productIds = new HashSet<>();
        Set<String> newRefs = new HashSet<>();
        for (Triage.Received<SaleDoc> r : received) {
            if (r.doc() != null && !stored.containsKey(r.key()) && !known.containsKey(r.key())) {
                r.doc().items().forEach(l -> productIds.add(l.productId()));
                newRefs.add(r.doc().offlineReference());
            }
        }
        Map<String, StoredSale> byRef = lookup.salesByReferences(b.device.deviceId(), newRefs);
        Map<Long, ProductInfo> products = catalog.products(productIds);
        PriceBook prices = catalog.prices(b.branch.id(), productIds);

        Triage triage = new Triage(ItemKind.SALE, stored, known);
        List<Candidate> candidates = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        Map<Integer, Integer> repeats = new HashMap<>();
        for (Triage.Received<SaleDoc> r : received) {
            StoredSale same = r.doc() == null ? null : stored.get(r.key());
            switch (triage.step(r)) {
                case Triage.Refuse x -> b.results[r.index()] = ItemResult.failed(ItemKind.SALE, WireReader.offlineIdOf(r.raw()), x.error());
                case Triage.Repeat x -> repeats.put(r.index(), x.earlier());
                case Triage.Answer x -> {
                    b.results[r.index()] = Outcomes.replay(x.conflict(), r.fingerprint(), same, lookup::transactionCode);
                    b.reports.add(Outcomes.report(x.conflict()));
                    if (same != null) {
                        b.sales.put(r.key(), Batch.KnownSale.of(same));
                    }
                }
                case Triage.Replay x -> {
                    b.results[r.index()] = ItemResult.replayed(ItemKind.SALE, r.doc().offlineId(), same.id(), same.transactionCode());
                    b.sales.put(r.key(), Batch.KnownSale.of(same));
                }
                case Triage.Duplicate x -> {
                    duplicates.add(new Duplicate(r, same, Reason.DUPLICATE_OFFLINE_ID,
                            "offline_id: a different sale with this offline_id is stored"));
                    b.sales.put(r.key(), Batch.KnownSale.of(same));
                }
                case Triage.Fresh x -> {
                    SequenceNumber.parse(r.doc().deviceId(), r.doc().offlineReference()).ifPresent(b.sequenceNumbers::add);
                    StoredSale reused = byRef.get(r.doc().offlineReference());
                    if (reused != null) {
                        duplicates.add(new Duplicate(r, reused, Reason.DUPLICATE_REFERENCE,
                                "offline_reference: this device already sent another sale with this reference"));
                    } else {
                        check(b, r, products, prices, candidates);
                    }
                }
            }
        }
        if (!duplicates.isEmpty()) {
            Map<Long, String> rawJson = lookup.rawJsonByIds(duplicates.stream().map(x -> x.other().id()).toList());
            duplicates.forEach(x -> duplicate(b, x, rawJson.get(x.other().id())));
        }
        takeStockAndBook(b, candidates);
        // the same sale twice in one batch: the second answers like a replay of the first
        repeats.forEach((index, earlier) -> b.results[index] = b.results[earlier].asReplay());
    }

    private static Triage.Received<SaleDoc> read(Batch b, int index, JsonNode raw) {
        try {
            SaleDoc doc = WireReader.sale(raw);
            if (!doc.branchCode().equals(b.device.branchCode())) {
                return Triage.Received.refused(index, raw, new ItemError("branch_mismatch",
                        "branch_code: this device belongs to branch " + b.device.branchCode(), "branch_code"));
            }
            if (!doc.deviceId().equals(b.device.deviceId())) {
                return Triage.Received.refused(index, raw, new ItemError("device_mismatch",
                        "device_id: the token belongs to device " + b.device.deviceId(), "device_id"));
            }
            return new Triage.Received<>(index, raw, doc, Fingerprints.of(doc), null);
        } catch (WireReader.Invalid e) {
            return Triage.Received.refused(index, raw, e.error());
        }
    }

    private void duplicate(Batch b, Duplicate dup, String otherRawJson) {
        StoredSale other = dup.other();
        JsonNode server = WireWriter.parse(otherRawJson);
        if (server instanceof ObjectNode o) {
            o.put("server_id", other.id());
            o.put("transaction_code", other.transactionCode());
            o.put("status", other.status());
        }
        Issue issue = new Issue(ConflictType.DUPLICATE, dup.reason(), dup.message(), null);
        open(b, dup.item(), issue, WireWriter.write(server), List.of(issue));
    }

    /** Rules first: a sale with an issue its policy does not settle waits for a person and takes no stock. */
    private void check(Batch b, Triage.Received<SaleDoc> r, Map<Long, ProductInfo> products, PriceBook prices,
                       List<Candidate> candidates) {
        SaleRules.Checked checked = SaleRules.check(r.doc(), b.branch, products, prices);
        if (!checked.issues().isEmpty() && !Policies.allKeepLocal(b.branch, checked.issues())) {
            open(b, r, Policies.leading(b.branch, checked.issues()), checked);
            return;
        }
        candidates.add(new Candidate(r, checked));
    }

    private void takeStockAndBook(Batch b, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        List<Map<Long, BigDecimal>> demands = candidates.stream().map(c -> SaleRules.quantities(c.item().doc())).toList();
        List<Stock.Verdict> verdicts;
        if (b.lockStockFirst) {
            verdicts = stock.take(b.branch.id(), demands, Policies.settlesShortage(b.branch));
        } else {
            b.stockPlan = stock.plan(b.branch.id(), demands, Policies.settlesShortage(b.branch));
            verdicts = b.stockPlan.verdicts();
        }
        List<SaleBooking> bookings = new ArrayList<>();
        List<Candidate> booked = new ArrayList<>();
        List<NewConflict> settled = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            Stock.Verdict v = verdicts.get(i);
            List<Issue> issues = new ArrayList<>(c.checked().issues());
            v.shortages().forEach(s -> issues.add(SaleRules.shortage(s)));
            if (!v.taken()) {
                open(b, c.item(), Policies.leading(b.branch, issues), c.checked().withIssues(issues));
                continue;
            }
            String raw = WireWriter.write(c.item().raw());
            NewConflict auto = null;
            if (!issues.isEmpty()) {
                Issue leading = Policies.leading(b.branch, issues);
                auto = newConflict(b, c.item(), raw, leading, serverData(leading, issues, c.checked()), issues,
                        new NewConflict.Settlement(ResolutionPolicy.KEEP_LOCAL.wire(), null, raw));
            }
            bookings.add(new SaleBooking(c.item().doc(), SaleBooking.Place.of(b.device, b.branch), c.item().fingerprint(), raw,
                    c.checked(), auto == null ? null : auto.conflictId(), b.receivedAt));
            booked.add(c);
            settled.add(auto);
        }
        List<BookedSale> ids = booker.bookSales(bookings);
        for (int i = 0; i < booked.size(); i++) {
            SaleDoc d = booked.get(i).item().doc();
            BookedSale s = ids.get(i);
            b.sales.put(d.offlineId(), new Batch.KnownSale(s.id(), b.branch.id(), d.grandTotal()));
            b.bookedSaleKeys.add(d.offlineId());
            int index = booked.get(i).item().index();
            if (settled.get(i) == null) {
                b.results[index] = ItemResult.booked(ItemKind.SALE, d.offlineId(), s.id(), s.transactionCode());
            } else {
                NewConflict c = settled.get(i).booked(s.id());
                b.conflict(index, c, Outcomes.settled(c, s.id(), s.transactionCode()), booked.get(i).item().raw());
            }
        }
    }

    private void open(Batch b, Triage.Received<SaleDoc> r, Issue leading, SaleRules.Checked checked) {
        open(b, r, leading, serverData(leading, checked.issues(), checked), checked.issues());
    }

    private void open(Batch b, Triage.Received<SaleDoc> r, Issue leading, String serverData, List<Issue> issues) {
        NewConflict c = newConflict(b, r, WireWriter.write(r.raw()), leading, serverData, issues, null);
        b.conflict(r.index(), c, Outcomes.opened(c), r.raw());
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

    private static NewConflict newConflict(Batch b, Triage.Received<SaleDoc> r, String localData, Issue leading, String serverData,
                                           List<Issue> issues, NewConflict.Settlement settlement) {
        String fix = Policies.suggestedFix(leading);
        if (issues.size() > 1) {
            fix = fix + " (" + issues.size() + " issues: " + String.join(", ", issues.stream().map(Issue::reason).toList()) + ")";
        }
        SaleDoc d = r.doc();
        return new NewConflict(UUID.randomUUID().toString(),
                new NewConflict.Item(ItemKind.SALE, d.offlineId(), d.offlineReference(), r.fingerprint(), localData, null),
                new NewConflict.Finding(leading.type(), leading.reason(), serverData, fix), b.origin(), false, settlement);
    }
}
