package io.tillsync.sales.booking;

import io.tillsync.catalog.ResolutionPolicy;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.ItemKind;
import io.tillsync.sales.ItemResult.ItemError;
import io.tillsync.sales.ItemResult;
import io.tillsync.sales.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Payments and voids: items that follow a sale. A payment or void for a sale the server has not
 * seen yet is held (by default) and settles itself when the sale arrives.
 */
@Component
class IncomingFollowUps {

    private final SalesLookup lookup;
    private final ConflictStore conflicts;
    private final Booker booker;

    IncomingFollowUps(SalesLookup lookup, ConflictStore conflicts, Booker booker) {
        this.lookup = lookup;
        this.conflicts = conflicts;
        this.booker = booker;
    }

    void run(Batch b, ItemKind kind, List<JsonNode> items, int offset) {
        List<Triage.Received<FollowUp>> received = new ArrayList<>(items.size());
        Set<String> keys = new HashSet<>();
        Set<String> saleKeys = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Triage.Received<FollowUp> r = read(kind, offset + i, items.get(i));
            received.add(r);
            if (r.doc() != null) {
                keys.add(r.key());
                saleKeys.add(r.doc().transactionOfflineId());
            }
        }
        Map<String, StoredItem> stored = lookup.followUpsByOfflineIds(kind, keys, false);
        Map<String, StoredConflict> known = conflicts.findByItems(kind, keys);
        // locked and read fresh, including what this batch already wrote
        lookup.salesByOfflineIds(saleKeys, true).forEach((k, s) -> b.sales.put(k, Batch.KnownSale.of(s)));

        Triage triage = new Triage(kind, stored, known);
        List<Triage.Received<FollowUp>> bookings = new ArrayList<>();
        Map<Integer, Integer> repeats = new HashMap<>();
        Supplier<Map<String, StoredItem>> committedMeanwhile = committedOnce(kind, keys);
        for (Triage.Received<FollowUp> r : received) {
            switch (triage.step(r)) {
                case Triage.Refuse x -> b.results[r.index()] = ItemResult.failed(kind, WireReader.offlineIdOf(r.raw()), x.error());
                case Triage.Repeat x -> repeats.put(r.index(), x.earlier());
                case Triage.Answer x -> {
                    b.results[r.index()] = Outcomes.replay(x.conflict(), r.fingerprint(), null, id -> null);
                    b.reports.add(Outcomes.report(x.conflict()));
                }
                case Triage.Replay x -> b.results[r.index()] = ItemResult.replayed(kind, r.key(), x.stored().id(), null);
                case Triage.Duplicate x -> duplicate(b, r, x.stored().rawJson());
                case Triage.Fresh x -> fresh(b, r, committedMeanwhile, bookings);
            }
        }
        book(b, kind, bookings);
        repeats.forEach((index, earlier) -> b.results[index] = b.results[earlier].asReplay());
    }

    private void fresh(Batch b, Triage.Received<FollowUp> r, Supplier<Map<String, StoredItem>> committedMeanwhile,
                       List<Triage.Received<FollowUp>> bookings) {
        FollowUp doc = r.doc();
        Batch.KnownSale sale = b.sales.get(doc.transactionOfflineId());
        if (sale != null && sale.branchId != b.branch.id()) {
            b.results[r.index()] = ItemResult.failed(doc.kind(), doc.offlineId(), new ItemError("branch_mismatch",
                    "transaction_offline_id: the sale belongs to another branch", "transaction_offline_id"));
            return;
        }
        Issue issue = FollowUpRules.check(doc, sale);
        StoredItem committed = issue != null && (Reason.SALE_VOIDED.equals(issue.reason())
                || Reason.PAYMENT_EXCEEDS_TOTAL.equals(issue.reason())) ? committedMeanwhile.get().get(r.key()) : null;
        if (committed != null) {
            // the same item was booked by another request while this one waited for the sale's lock:
            // the snapshot read above could not see it, the sale's fresh state (voided, paid) could
            if (committed.fingerprint().equals(r.fingerprint())) {
                b.results[r.index()] = ItemResult.replayed(doc.kind(), doc.offlineId(), committed.id(), null);
            } else {
                duplicate(b, r, committed.rawJson());
            }
        } else if (issue == null) {
            FollowUpRules.apply(doc, sale);
            bookings.add(r);
        } else {
            boolean held = Reason.SALE_UNKNOWN.equals(issue.reason()) && Policies.forIssue(b.branch, issue) == ResolutionPolicy.HOLD;
            open(b, r, issue, WireWriter.write(WireWriter.state(issue.serverState())), held);
        }
    }

    private void duplicate(Batch b, Triage.Received<FollowUp> r, String storedJson) {
        open(b, r, new Issue(ConflictType.DUPLICATE, Reason.DUPLICATE_OFFLINE_ID,
                "offline_id: a different " + r.doc().kind().wire() + " with this offline_id is stored", null), storedJson, false);
    }

    /**
     * The batch's items as last committed (a locking read), read once and only when an item breaks a
     * rule that a concurrent copy of itself could have caused: a plain batch takes no gap locks.
     */
    private Supplier<Map<String, StoredItem>> committedOnce(ItemKind kind, Set<String> keys) {
        Map<String, StoredItem> read = new HashMap<>();
        boolean[] done = {false};
        return () -> {
            if (!done[0]) {
                read.putAll(lookup.followUpsByOfflineIds(kind, keys, true));
                done[0] = true;
            }
            return read;
        };
    }

    private static Triage.Received<FollowUp> read(ItemKind kind, int index, JsonNode raw) {
        try {
            FollowUp doc = kind == ItemKind.PAYMENT ? WireReader.payment(raw) : WireReader.voidOf(raw);
            return new Triage.Received<>(index, raw, doc, Fingerprints.of(doc), null);
        } catch (WireReader.Invalid e) {
            return Triage.Received.refused(index, raw, e.error());
        }
    }

    private static void open(Batch b, Triage.Received<FollowUp> r, Issue issue, String serverData, boolean held) {
        FollowUp doc = r.doc();
        NewConflict c = new NewConflict(UUID.randomUUID().toString(),
                new NewConflict.Item(doc.kind(), doc.offlineId(), doc.offlineId(), r.fingerprint(), WireWriter.write(r.raw()),
                        doc.transactionOfflineId()),
                new NewConflict.Finding(issue.type(), issue.reason(), serverData, Policies.suggestedFix(issue)), b.origin(), held, null);
        b.conflict(r.index(), c, Outcomes.opened(c));
    }

    private void book(Batch b, ItemKind kind, List<Triage.Received<FollowUp>> bookings) {
        if (bookings.isEmpty()) {
            return;
        }
        List<Long> ids = booker.bookFollowUps(bookings.stream().map(r -> new Booker.FollowUpBooking(r.doc(),
                b.sales.get(r.doc().transactionOfflineId()), b.device.deviceId(), r.fingerprint(), WireWriter.write(r.raw()),
                b.receivedAt)).toList());
        for (int i = 0; i < bookings.size(); i++) {
            b.results[bookings.get(i).index()] = ItemResult.booked(kind, bookings.get(i).key(), ids.get(i), null);
        }
    }

    /**
     * Settles held payments and voids whose sale was just booked: they are booked as sent and
     * their conflicts resolved by policy. One that now breaks another rule waits for a person.
     */
    void releaseHeld(Batch b, Map<String, Batch.KnownSale> sales, List<String> saleKeys) {
        for (StoredConflict held : conflicts.heldFor(saleKeys)) {
            FollowUp doc;
            try {
                JsonNode raw = WireWriter.parse(held.localData());
                doc = held.kind() == ItemKind.PAYMENT ? WireReader.payment(raw) : WireReader.voidOf(raw);
            } catch (WireReader.Invalid e) {
                continue;
            }
            Batch.KnownSale sale = sales.get(held.relatedOfflineId());
            Issue issue = sale == null || sale.branchId != held.branchId() ? null : FollowUpRules.check(doc, sale);
            if (sale == null || sale.branchId != held.branchId() || issue != null) {
                conflicts.reopen(held, issue == null
                        ? new NewConflict.Finding(held.type(), Reason.SALE_UNKNOWN, held.serverData(), held.suggestedFix())
                        : new NewConflict.Finding(issue.type(), issue.reason(), WireWriter.write(WireWriter.state(issue.serverState())),
                                Policies.suggestedFix(issue)), b.receivedAt);
                continue;
            }
            FollowUpRules.apply(doc, sale);
            long id = booker.bookFollowUps(List.of(new Booker.FollowUpBooking(doc, sale, held.deviceId(), Fingerprints.of(doc),
                    held.localData(), b.receivedAt))).getFirst();
            conflicts.resolve(held, ConflictStore.Decision.booked(ResolutionPolicy.KEEP_LOCAL.wire(), id, held.localData()),
                    ConflictStore.POLICY_ACTOR, null, "the sale it waited for arrived", b.receivedAt);
            b.settled.add(held.conflictId());
        }
    }
}
