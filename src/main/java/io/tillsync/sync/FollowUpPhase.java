package io.tillsync.sync;

import io.tillsync.catalog.ResolutionPolicy;
import io.tillsync.conflicts.ConflictRef;
import io.tillsync.conflicts.ConflictStore;
import io.tillsync.conflicts.NewConflict;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.Fingerprints;
import io.tillsync.sales.Issue;
import io.tillsync.sales.ItemError;
import io.tillsync.sales.PaymentBooking;
import io.tillsync.sales.PaymentDoc;
import io.tillsync.sales.SaleBooker;
import io.tillsync.sales.SaleRules;
import io.tillsync.sales.SalesLookup;
import io.tillsync.sales.StoredItem;
import io.tillsync.sales.VoidBooking;
import io.tillsync.sales.VoidDoc;
import io.tillsync.sales.WireReader;
import io.tillsync.sales.WireWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Payments and voids: items that follow a sale. A payment or void for a sale the server has not
 * seen yet is held (by default) and settles itself when the sale arrives.
 */
@Component
class FollowUpPhase {

    static final String PAYMENT = "payment";
    static final String VOID = "void";

    private final SalesLookup lookup;
    private final ConflictStore conflicts;
    private final SaleBooker booker;
    private final ConflictResults conflictResults;

    FollowUpPhase(SalesLookup lookup, ConflictStore conflicts, SaleBooker booker, ConflictResults conflictResults) {
        this.lookup = lookup;
        this.conflicts = conflicts;
        this.booker = booker;
        this.conflictResults = conflictResults;
    }

    /** A payment or void read from the wire. */
    private record Parsed(int index, JsonNode raw, Object doc, String offlineId, String saleKey, String fingerprint, ItemError error) {
    }

    private record Booking(int index, Object doc, String offlineId, String fingerprint, String raw, BatchContext.KnownSale sale) {
    }

    void run(BatchContext ctx, String type, List<JsonNode> items, int offset) {
        List<Parsed> parsed = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            parsed.add(read(type, offset + i, items.get(i)));
        }
        Set<String> keys = new HashSet<>();
        Set<String> saleKeys = new HashSet<>();
        for (Parsed p : parsed) {
            if (p.error() == null) {
                keys.add(SalesLookup.key(p.offlineId()));
                saleKeys.add(p.saleKey());
            }
        }
        Map<String, StoredItem> stored = PAYMENT.equals(type) ? lookup.paymentsByOfflineIds(keys) : lookup.voidsByOfflineIds(keys);
        Map<String, ConflictRef> known = conflicts.findByItems(type, keys);
        // locked and read fresh, including what this batch already wrote
        lookup.salesByOfflineIds(saleKeys, true).forEach((k, s) -> ctx.sales.put(k, BatchContext.KnownSale.of(s)));

        List<Booking> bookings = new ArrayList<>();
        Map<String, Parsed> inBatch = new HashMap<>();
        Map<Integer, Integer> repeats = new HashMap<>();
        Supplier<Map<String, StoredItem>> committedMeanwhile = committedOnce(type, keys);
        for (Parsed p : parsed) {
            if (p.error() != null) {
                ctx.results[p.index()] = ItemResult.failed(WireReader.offlineIdOf(p.raw()), type, p.error());
                continue;
            }
            String key = SalesLookup.key(p.offlineId());
            Parsed earlier = inBatch.putIfAbsent(key, p);
            if (earlier != null) {
                if (earlier.fingerprint().equals(p.fingerprint())) {
                    repeats.put(p.index(), earlier.index());
                } else {
                    ctx.results[p.index()] = ItemResult.failed(p.offlineId(), type, new ItemError("duplicate_offline_id",
                            "Another " + type + " with this offline_id and other content appears earlier in this batch", "offline_id"));
                }
                continue;
            }
            StoredItem same = stored.get(key);
            ConflictRef conflict = known.get(key);
            if (conflict != null && conflict.localFingerprint().equals(p.fingerprint())) {
                ctx.results[p.index()] = conflictResults.replay(conflict, p.fingerprint(), null);
            } else if (same != null && same.fingerprint().equals(p.fingerprint())) {
                ctx.results[p.index()] = new ItemResult(p.offlineId(), type, true, same.id(), null, false, true,
                        null, null, null, null, null);
            } else if (conflict != null) {
                ctx.results[p.index()] = conflictResults.replay(conflict, p.fingerprint(), null);
            } else if (same != null) {
                record(ctx, type, p, new Issue(ConflictType.DUPLICATE, Issue.DUPLICATE_OFFLINE_ID,
                        "offline_id: a different " + type + " with this offline_id is stored", null), same.rawJson(), false);
            } else {
                BatchContext.KnownSale sale = ctx.sales.get(p.saleKey());
                if (sale != null && sale.branchId != ctx.branch.getId()) {
                    ctx.results[p.index()] = ItemResult.failed(p.offlineId(), type, new ItemError("branch_mismatch",
                            "transaction_offline_id: the sale belongs to another branch", "transaction_offline_id"));
                    continue;
                }
                Issue issue = check(type, p.doc(), sale);
                StoredItem committed = issue != null && (Issue.SALE_VOIDED.equals(issue.reason())
                        || Issue.PAYMENT_EXCEEDS_TOTAL.equals(issue.reason())) ? committedMeanwhile.get().get(key) : null;
                if (committed != null) {
                    // the same item was booked by another request while this one waited for the sale's lock:
                    // the snapshot read above could not see it, the sale's fresh state (voided, paid) could
                    if (committed.fingerprint().equals(p.fingerprint())) {
                        ctx.results[p.index()] = new ItemResult(p.offlineId(), type, true, committed.id(), null, false, true,
                                null, null, null, null, null);
                    } else {
                        record(ctx, type, p, new Issue(ConflictType.DUPLICATE, Issue.DUPLICATE_OFFLINE_ID,
                                "offline_id: a different " + type + " with this offline_id is stored", null), committed.rawJson(), false);
                    }
                } else if (issue == null) {
                    apply(type, p.doc(), sale);
                    bookings.add(new Booking(p.index(), p.doc(), p.offlineId(), p.fingerprint(), WireWriter.write(p.raw()), sale));
                } else {
                    boolean held = Issue.SALE_UNKNOWN.equals(issue.reason())
                            && Policies.forIssue(ctx.branch, issue) == ResolutionPolicy.HOLD;
                    record(ctx, type, p, issue, WireWriter.write(WireWriter.state(issue.serverState())), held);
                }
            }
        }
        book(ctx, type, bookings);
        repeats.forEach((index, earlier) -> ctx.results[index] = ctx.results[earlier].asReplay());
    }

    /**
     * The batch's items as last committed (a locking read), read once and only when an item breaks a
     * rule that a concurrent copy of itself could have caused: a plain batch takes no gap locks.
     */
    private Supplier<Map<String, StoredItem>> committedOnce(String type, Set<String> keys) {
        Map<String, StoredItem> read = new HashMap<>();
        boolean[] done = {false};
        return () -> {
            if (!done[0]) {
                read.putAll(PAYMENT.equals(type) ? lookup.paymentsByOfflineIds(keys, true) : lookup.voidsByOfflineIds(keys, true));
                done[0] = true;
            }
            return read;
        };
    }

    private static Parsed read(String type, int index, JsonNode raw) {
        try {
            if (PAYMENT.equals(type)) {
                PaymentDoc d = WireReader.payment(raw);
                return new Parsed(index, raw, d, d.offlineId(), SalesLookup.key(d.transactionOfflineId()), Fingerprints.of(d), null);
            }
            VoidDoc d = WireReader.voidOf(raw);
            return new Parsed(index, raw, d, d.offlineId(), SalesLookup.key(d.transactionOfflineId()), Fingerprints.of(d), null);
        } catch (WireReader.Invalid e) {
            return new Parsed(index, raw, null, null, null, null, e.error());
        }
    }

    /** The rule an item breaks against the sale it follows, or null when it can be booked. */
    static Issue check(String type, Object doc, BatchContext.KnownSale sale) {
        if (sale == null) {
            return new Issue(ConflictType.CONSTRAINT_VIOLATION, Issue.SALE_UNKNOWN,
                    "transaction_offline_id: the server does not know this sale (yet)",
                    SaleRules.stateOf("rule", Issue.SALE_UNKNOWN, "message", "no sale with this offline_id is stored"));
        }
        if (sale.voided) {
            return new Issue(ConflictType.CONSTRAINT_VIOLATION, Issue.SALE_VOIDED, "transaction_offline_id: the sale is already voided",
                    SaleRules.stateOf("rule", Issue.SALE_VOIDED, "server_id", sale.id, "status", "voided"));
        }
        if (doc instanceof PaymentDoc p) {
            if (!"CASH".equals(p.method()) && (p.gatewayReference() == null || p.gatewayReference().isBlank())) {
                return new Issue(ConflictType.CONSTRAINT_VIOLATION, Issue.GATEWAY_REFERENCE_MISSING,
                        "gateway_reference: a " + p.method() + " payment made offline needs the gateway's reference",
                        SaleRules.stateOf("rule", Issue.GATEWAY_REFERENCE_MISSING, "method", p.method()));
            }
            BigDecimal after = sale.paid.add(p.amount());
            if (after.compareTo(sale.grandTotal) > 0) {
                return new Issue(ConflictType.DATA_MISMATCH, Issue.PAYMENT_EXCEEDS_TOTAL,
                        "amount: payments would total " + after.toPlainString() + ", the sale's grand_total is " + sale.grandTotal.toPlainString(),
                        SaleRules.stateOf("rule", Issue.PAYMENT_EXCEEDS_TOTAL, "grand_total", sale.grandTotal, "paid_total", sale.paid,
                                "remaining", sale.grandTotal.subtract(sale.paid)));
            }
        }
        return null;
    }

    static void apply(String type, Object doc, BatchContext.KnownSale sale) {
        if (doc instanceof PaymentDoc p) {
            sale.paid = sale.paid.add(p.amount());
        } else {
            sale.voided = true;
        }
    }

    private void record(BatchContext ctx, String type, Parsed p, Issue issue, String serverData, boolean held) {
        NewConflict c = new NewConflict(UUID.randomUUID().toString(), type, p.offlineId(), p.offlineId(), issue.type(),
                issue.reason(), WireWriter.write(p.raw()), serverData, Policies.suggestedFix(issue), p.fingerprint(),
                ctx.branch.getId(), ctx.device.devicePk(), ctx.device.deviceId(), p.saleKey(), held, null, null, null);
        ctx.newConflicts.add(c);
        ctx.results[p.index()] = conflictResults.opened(c);
        ctx.conflicts.add(conflictResults.report(c));
    }

    private void book(BatchContext ctx, String type, List<Booking> bookings) {
        if (bookings.isEmpty()) {
            return;
        }
        List<Long> ids;
        if (PAYMENT.equals(type)) {
            ids = booker.bookPayments(bookings.stream().map(b -> new PaymentBooking((PaymentDoc) b.doc(), b.sale().id,
                    ctx.device.deviceId(), b.fingerprint(), b.raw(), ctx.receivedAt)).toList());
        } else {
            ids = booker.bookVoids(bookings.stream().map(b -> new VoidBooking((VoidDoc) b.doc(), b.sale().id, b.sale().branchId,
                    ctx.device.deviceId(), b.fingerprint(), b.raw(), ctx.receivedAt)).toList());
        }
        for (int i = 0; i < bookings.size(); i++) {
            ctx.results[bookings.get(i).index()] = ItemResult.booked(bookings.get(i).offlineId(), type, ids.get(i), null);
        }
    }

    /**
     * Settles held payments and voids whose sale was just booked: they are booked as sent and
     * their conflicts resolved by policy. One that now breaks another rule waits for a person.
     */
    void releaseHeld(BatchContext ctx, Map<String, BatchContext.KnownSale> sales, List<String> saleKeys) {
        for (ConflictRef held : conflicts.heldFor(saleKeys)) {
            JsonNode raw = WireWriter.parse(held.localData());
            Object doc;
            try {
                doc = PAYMENT.equals(held.itemType()) ? WireReader.payment(raw) : WireReader.voidOf(raw);
            } catch (WireReader.Invalid e) {
                continue;
            }
            BatchContext.KnownSale sale = sales.get(held.relatedOfflineId());
            Issue issue = sale == null || sale.branchId != held.branchId() ? null : check(held.itemType(), doc, sale);
            if (sale == null || sale.branchId != held.branchId() || issue != null) {
                conflicts.reopen(held, issue == null ? Issue.SALE_UNKNOWN : issue.reason(),
                        issue == null ? held.serverData() : WireWriter.write(WireWriter.state(issue.serverState())));
                continue;
            }
            apply(held.itemType(), doc, sale);
            long id;
            String fp = PAYMENT.equals(held.itemType()) ? Fingerprints.of((PaymentDoc) doc) : Fingerprints.of((VoidDoc) doc);
            String deviceId = held.deviceId();
            if (doc instanceof PaymentDoc p) {
                id = booker.bookPayments(List.of(new PaymentBooking(p, sale.id, deviceId, fp, held.localData(), ctx.receivedAt))).getFirst();
            } else {
                id = booker.bookVoids(List.of(new VoidBooking((VoidDoc) doc, sale.id, sale.branchId, deviceId, fp, held.localData(),
                        ctx.receivedAt))).getFirst();
            }
            conflicts.resolve(held, ResolutionPolicy.KEEP_LOCAL.wire(), ConflictRef.OUTCOME_BOOKED, id, held.localData(), true,
                    ConflictStore.POLICY_ACTOR, null, "the sale it waited for arrived", ctx.receivedAt);
        }
    }
}
