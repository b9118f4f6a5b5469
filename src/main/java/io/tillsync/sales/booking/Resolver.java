package io.tillsync.sales.booking;

import io.tillsync.base.Rejected;
import io.tillsync.base.RetriedTransactions;
import io.tillsync.catalog.Branch;
import io.tillsync.catalog.CatalogService;
import io.tillsync.catalog.ResolutionPolicy;
import io.tillsync.devices.DevicePrincipal;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.ItemKind;
import io.tillsync.sales.Reason;
import io.tillsync.sales.Resolutions.Actor;
import io.tillsync.sales.Resolutions.Problem;
import io.tillsync.sales.Resolutions.Refusal;
import io.tillsync.sales.Resolutions.Resolution;
import io.tillsync.sales.Resolutions.Strategy;
import io.tillsync.sales.Resolutions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * keep_server, keep_local and merge: what a resolution does to sales. The conflict row is locked
 * first, so two managers (or a manager and a device) resolving at once resolve it once; the loser
 * gets 409. Stock is taken next and the change feed written last, in the order a batch takes them.
 */
@Service
class Resolver implements Resolutions {

    private final ConflictStore conflicts;
    private final CatalogService catalog;
    private final SalesLookup lookup;
    private final Booker booker;
    private final IncomingFollowUps followUps;
    private final RetriedTransactions transactions;
    private final Clock clock;

    Resolver(ConflictStore conflicts, CatalogService catalog, SalesLookup lookup, Booker booker, IncomingFollowUps followUps,
             RetriedTransactions transactions, Clock clock) {
        this.clock = clock;
        this.transactions = transactions;
        this.conflicts = conflicts;
        this.catalog = catalog;
        this.lookup = lookup;
        this.booker = booker;
        this.followUps = followUps;
    }

    /** Checks a merged document without booking it, for the back-office to show before the manager commits. */
    @Override
    @Transactional(readOnly = true)
    public List<Problem> validateMerge(String conflictId, JsonNode merged, Actor actor) {
        StoredConflict c = conflicts.find(conflictId).filter(x -> actor.mayActOn(x.branchId())).orElseThrow(Resolver::notFound);
        try {
            return findProblems(c, merged);
        } catch (Rejected e) {
            return List.of(new Problem(null, e.getMessage()));
        }
    }

    /**
     * Resolves in a transaction of its own, and again, outside it, while it fails on contention (a
     * deadlock with a batch on the same stock rows, a lock wait, an id block taken twice after the
     * database restarted): the manager or device sees the result, never a 500 for that.
     */
    @Override
    public Resolution resolve(String conflictId, Strategy strategy, JsonNode merged, String comment, Actor actor) {
        return transactions.inTransaction("resolution", status -> resolveOnce(conflictId, strategy, merged, comment, actor));
    }

    private Resolution resolveOnce(String conflictId, Strategy strategy, JsonNode merged, String comment, Actor actor) {
        if (strategy == Strategy.MERGE && (merged == null || !merged.isObject())) {
            throw new Rejected("merged_data", "merged_data: an object is required with merge");
        }
        StoredConflict c = conflicts.findForUpdate(conflictId).filter(x -> actor.mayActOn(x.branchId()))
                .orElseThrow(Resolver::notFound);
        if (c.resolved()) {
            throw new Rejected(Refusal.ALREADY_RESOLVED, "The conflict was already resolved with " + c.strategy() + "; nothing was changed", null);
        }
        Instant now = clock.instant();
        if (strategy == Strategy.KEEP_SERVER && !bookedAsServerComputes(c)) {
            conflicts.resolve(c, ConflictStore.Decision.rejected(strategy.wire(), c.serverData()), actor.name(), actor.userId(), comment, now);
            conflicts.announce(c.branchId(), List.of(c.conflictId()));
            return new Resolution(c.conflictId(), StoredConflict.RESOLVED, strategy.wire(), StoredConflict.OUTCOME_REJECTED, null, null,
                    c.type() == ConflictType.DUPLICATE ? "The stored record stands; the device's copy is not booked"
                            : "The rule stands; the device's item is rejected and not booked");
        }
        BigDecimal variance = null;
        JsonNode document;
        if (strategy == Strategy.KEEP_SERVER) {
            document = serverComputed(c);
            variance = collected(c).subtract(document.path("grand_total").decimalValue());
            List<String> problems = problems(c, document);
            if (!problems.isEmpty()) {
                throw new Rejected(Refusal.SERVER_VERSION_INVALID, problems.getFirst(), "strategy");
            }
        } else {
            document = strategy == Strategy.KEEP_LOCAL ? WireWriter.parse(c.localData()) : withIdentity(c, merged);
        }
        // keep_local overrides the rules the conflict was raised for, all but an unknown product
        boolean override = strategy == Strategy.KEEP_LOCAL && Reason.overridable(c.reason());
        if (!override && strategy != Strategy.KEEP_SERVER) {
            List<String> problems = problems(c, document);
            if (!problems.isEmpty()) {
                throw strategy == Strategy.KEEP_LOCAL ? new Rejected(Refusal.NOT_OVERRIDABLE, problems.getFirst(), "strategy")
                        : new Rejected(Refusal.MERGED_INVALID, problems.getFirst(), "merged_data");
            }
        }
        Batch effects = new Batch(deviceOf(c), catalog.branch(c.branchId()).orElseThrow(), now, 0);
        BookedSale booked = book(c, document, effects, variance);
        conflicts.resolve(c, ConflictStore.Decision.booked(strategy.wire(), booked.id(), WireWriter.write(document)), actor.name(),
                actor.userId(), comment, now);
        effects.settled.add(c.conflictId());
        conflicts.announce(c.branchId(), effects.settled);
        return new Resolution(c.conflictId(), StoredConflict.RESOLVED, strategy.wire(), StoredConflict.OUTCOME_BOOKED, booked.id(),
                booked.transactionCode(), switch (strategy) {
                    case KEEP_LOCAL -> "The device's version is booked as sent";
                    case KEEP_SERVER -> "Booked as the server computes it; the difference to what the till collected is recorded as a variance";
                    case MERGE -> "The merged document is booked";
                });
    }

    /**
     * A data mismatch is a sale that happened with wrong arithmetic or an old price: keep_server books
     * the server's computation of it. A duplicate or a broken rule has no such version to book, and a
     * payment's mismatch (paid above the total) has no server computation of the payment: those are rejected.
     */
    static boolean bookedAsServerComputes(StoredConflict c) {
        return c.type() == ConflictType.DATA_MISMATCH && c.kind() == ItemKind.SALE && c.serverData() != null;
    }

    /** The server's version as stored with the conflict, without the bookkeeping the booking works out itself. */
    private static JsonNode serverComputed(StoredConflict c) {
        ObjectNode server = (ObjectNode) WireWriter.parse(c.serverData());
        server.remove("price_variance");
        return withIdentity(c, server);
    }

    /** What the till took for the sale: its grand total as sent. */
    private static BigDecimal collected(StoredConflict c) {
        JsonNode total = WireWriter.parse(c.localData()).path("grand_total");
        return total.isNumber() ? total.decimalValue() : BigDecimal.ZERO;
    }

    /** The merged document keeps the conflict's identity: no resolution moves an item to another device or branch. */
    private static JsonNode withIdentity(StoredConflict c, JsonNode merged) {
        ObjectNode doc = (ObjectNode) merged.deepCopy();
        JsonNode local = WireWriter.parse(c.localData());
        doc.put("offline_id", c.offlineId());
        for (String field : List.of("device_id", "branch_code", "transaction_offline_id", "offline_reference")) {
            if (local.has(field)) {
                doc.set(field, local.get(field));
            }
        }
        return doc;
    }

    /** What stops a document from being booked as a fresh item would be; empty when it is fine. */
    private List<String> problems(StoredConflict c, JsonNode document) {
        return findProblems(c, document).stream().map(Problem::message).toList();
    }

    private List<Problem> findProblems(StoredConflict c, JsonNode document) {
        Branch branch = catalog.branch(c.branchId()).orElseThrow();
        try {
            if (c.kind() == ItemKind.SALE) {
                return checked(WireReader.sale(document), branch).issues().stream()
                        .filter(i -> Policies.forIssue(branch, i) != ResolutionPolicy.KEEP_LOCAL)
                        .map(i -> new Problem(i.reason(), i.message())).toList();
            }
            FollowUp doc = c.kind() == ItemKind.PAYMENT ? WireReader.payment(document) : WireReader.voidOf(document);
            Issue issue = FollowUpRules.check(doc, knownSale(c));
            return issue == null ? List.of() : List.of(new Problem(issue.reason(), issue.message()));
        } catch (WireReader.Invalid e) {
            return List.of(new Problem(null, e.error().message()));
        }
    }

    private SaleRules.Checked checked(SaleDoc d, Branch branch) {
        Set<Long> products = new HashSet<>();
        d.items().forEach(l -> products.add(l.productId()));
        return SaleRules.check(d, branch, catalog.products(products), catalog.prices(branch.id(), products));
    }

    private Batch.KnownSale knownSale(StoredConflict c) {
        String saleKey = c.relatedOfflineId();
        StoredSale sale = saleKey == null ? null : lookup.salesByOfflineIds(List.of(saleKey)).get(saleKey);
        return sale == null ? null : Batch.KnownSale.of(sale);
    }

    private BookedSale book(StoredConflict c, JsonNode document, Batch effects, BigDecimal variance) {
        String raw = WireWriter.write(document);
        if (c.kind() == ItemKind.SALE) {
            SaleDoc d = WireReader.sale(document);
            SaleRules.Checked checked = checked(d, effects.branch);
            if (variance != null) {
                // booked at the server's prices: the variance is what the till collected above (or below) that
                checked = new SaleRules.Checked(checked.issues(), checked.taxTotal(), variance, checked.serverPrices(),
                        checked.serverVersion());
            }
            SaleBooking booking = new SaleBooking(d, SaleBooking.Place.of(effects.device, effects.branch), Fingerprints.of(d), raw,
                    checked, c.conflictId(), effects.receivedAt);
            StoredSale old = lookup.salesByOfflineIds(List.of(d.offlineId())).get(d.offlineId());
            if (old == null && Reason.DUPLICATE_REFERENCE.equals(c.reason())) {
                old = lookup.salesByReferences(d.deviceId(), List.of(d.offlineReference())).get(d.offlineReference());
            }
            BookedSale booked = old != null ? booker.replaceSale(old, booking) : booker.bookRegardlessOfStock(booking);
            Map<String, Batch.KnownSale> sales = new HashMap<>();
            sales.put(d.offlineId(), new Batch.KnownSale(booked.id(), effects.branch.id(), d.grandTotal()));
            followUps.releaseHeld(effects, sales, List.of(d.offlineId()));
            return booked;
        }
        Batch.KnownSale sale = knownSale(c);
        if (sale == null) {
            throw new Rejected(Refusal.SALE_UNKNOWN,
                    "The sale this " + c.kind().wire() + " belongs to has not arrived; it cannot be booked yet", null);
        }
        if (sale.voided) {
            throw new Rejected(Refusal.NOT_OVERRIDABLE, "The sale is already voided", null);
        }
        FollowUp doc = c.kind() == ItemKind.PAYMENT ? WireReader.payment(document) : WireReader.voidOf(document);
        long id = booker.bookFollowUps(List.of(new Booker.FollowUpBooking(doc, sale, effects.device.deviceId(), Fingerprints.of(doc),
                raw, effects.receivedAt))).getFirst();
        return new BookedSale(id, doc.offlineId(), null);
    }

    /** The till the conflict came from, as its batch saw it: the conflict row keeps who sent it and where it belongs. */
    private DevicePrincipal deviceOf(StoredConflict c) {
        CatalogService.BranchCodes codes = catalog.codes(c.branchId());
        return new DevicePrincipal(c.devicePk(), c.deviceId(), c.branchId(), codes.branchCode(), codes.merchantId(), codes.merchantCode());
    }

    private static Rejected notFound() {
        return new Rejected(Refusal.CONFLICT_NOT_FOUND, "No such conflict", null);
    }
}
