package io.tillsync.sync;

import io.tillsync.base.ApiException;
import io.tillsync.catalog.Branch;
import io.tillsync.catalog.CatalogService;
import io.tillsync.conflicts.Actor;
import io.tillsync.conflicts.ConflictRef;
import io.tillsync.conflicts.ConflictResolver;
import io.tillsync.conflicts.ConflictStore;
import io.tillsync.conflicts.Resolution;
import io.tillsync.devices.DevicePrincipal;
import io.tillsync.sales.BookedSale;
import io.tillsync.sales.Fingerprints;
import io.tillsync.sales.Issue;
import io.tillsync.sales.PaymentBooking;
import io.tillsync.sales.PaymentDoc;
import io.tillsync.sales.SaleBooker;
import io.tillsync.sales.SaleBooking;
import io.tillsync.sales.SaleDoc;
import io.tillsync.sales.SaleRules;
import io.tillsync.sales.SalesLookup;
import io.tillsync.sales.StoredSale;
import io.tillsync.sales.VoidBooking;
import io.tillsync.sales.VoidDoc;
import io.tillsync.sales.WireReader;
import io.tillsync.sales.WireWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * keep_server, keep_local and merge. The conflict row is locked first, so two managers (or a
 * manager and a device) resolving at once resolve it once; the loser gets 409.
 */
@Service
public class ConflictResolutionService implements ConflictResolver {

    private final ConflictStore conflicts;
    private final CatalogService catalog;
    private final SalesLookup lookup;
    private final SaleBooker booker;
    private final FollowUpPhase followUps;
    private final NamedParameterJdbcTemplate jdbc;

    ConflictResolutionService(ConflictStore conflicts, CatalogService catalog, SalesLookup lookup, SaleBooker booker,
                              FollowUpPhase followUps, NamedParameterJdbcTemplate jdbc) {
        this.conflicts = conflicts;
        this.catalog = catalog;
        this.lookup = lookup;
        this.booker = booker;
        this.followUps = followUps;
        this.jdbc = jdbc;
    }

    /** Checks a merged document without booking it, for the back-office to show before the manager commits. */
    @Override
    @Transactional(readOnly = true)
    public List<String> validateMerge(String conflictId, JsonNode merged, Actor actor) {
        ConflictRef c = conflicts.find(conflictId).filter(x -> actor.mayActOn(x.branchId())).orElseThrow(ConflictResolutionService::notFound);
        try {
            return problems(c, merged);
        } catch (ApiException e) {
            return List.of(e.getMessage());
        }
    }

    @Override
    @Transactional
    public Resolution resolve(String conflictId, String strategy, JsonNode merged, String comment, Actor actor) {
        if (!Set.of(KEEP_SERVER, KEEP_LOCAL, MERGE).contains(strategy == null ? "" : strategy)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_error",
                    "strategy: one of keep_server, keep_local, merge", "strategy");
        }
        if (MERGE.equals(strategy) && (merged == null || !merged.isObject())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_error",
                    "merged_data: an object is required with merge", "merged_data");
        }
        ConflictRef c = conflicts.findForUpdate(conflictId).filter(x -> actor.mayActOn(x.branchId()))
                .orElseThrow(ConflictResolutionService::notFound);
        if (c.resolved()) {
            throw new ApiException(HttpStatus.CONFLICT, "already_resolved",
                    "The conflict was already resolved with " + c.strategy() + "; nothing was changed");
        }
        Instant now = Instant.now();
        if (KEEP_SERVER.equals(strategy)) {
            conflicts.resolve(c, strategy, ConflictRef.OUTCOME_REJECTED, null, c.serverData(), false, actor.name(), actor.userId(), comment, now);
            return new Resolution(c.conflictId(), ConflictRef.RESOLVED, strategy, ConflictRef.OUTCOME_REJECTED, null, null,
                    "The server's version stands; the device's item is rejected");
        }
        JsonNode document = KEEP_LOCAL.equals(strategy) ? WireWriter.parse(c.localData()) : withIdentity(c, merged);
        // keep_local overrides the rules the conflict was raised for, all but an unknown product
        boolean override = KEEP_LOCAL.equals(strategy) && !Issue.UNKNOWN_PRODUCT.equals(c.reason());
        if (!override) {
            List<String> problems = problems(c, document);
            if (!problems.isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, KEEP_LOCAL.equals(strategy) ? "not_overridable" : "merged_invalid",
                        problems.getFirst(), KEEP_LOCAL.equals(strategy) ? "strategy" : "merged_data");
            }
        }
        Booked booked = book(c, document, now);
        conflicts.resolve(c, strategy, ConflictRef.OUTCOME_BOOKED, booked.id(), WireWriter.write(document), false, actor.name(),
                actor.userId(), comment, now);
        return new Resolution(c.conflictId(), ConflictRef.RESOLVED, strategy, ConflictRef.OUTCOME_BOOKED, booked.id(), booked.code(),
                KEEP_LOCAL.equals(strategy) ? "The device's version is booked as sent" : "The merged document is booked");
    }

    private record Booked(long id, String code) {
    }

    /** The merged document keeps the conflict's identity: no resolution moves an item to another device or branch. */
    private JsonNode withIdentity(ConflictRef c, JsonNode merged) {
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
    private List<String> problems(ConflictRef c, JsonNode document) {
        Branch branch = catalog.branch(c.branchId()).orElseThrow();
        try {
            if (SalePhase.TYPE.equals(c.itemType())) {
                SaleDoc d = WireReader.sale(document);
                Set<Long> products = new HashSet<>();
                d.items().forEach(l -> products.add(l.productId()));
                SaleRules.Checked checked = SaleRules.check(d, branch, catalog.products(products), catalog.prices(branch.getId(), products));
                return checked.issues().stream()
                        .filter(i -> Policies.forIssue(branch, i) != io.tillsync.catalog.ResolutionPolicy.KEEP_LOCAL)
                        .map(Issue::message).toList();
            }
            Object doc = FollowUpPhase.PAYMENT.equals(c.itemType()) ? WireReader.payment(document) : WireReader.voidOf(document);
            BatchContext.KnownSale sale = knownSale(c);
            Issue issue = FollowUpPhase.check(c.itemType(), doc, sale);
            return issue == null ? List.of() : List.of(issue.message());
        } catch (WireReader.Invalid e) {
            return List.of(e.error().message());
        }
    }

    private BatchContext.KnownSale knownSale(ConflictRef c) {
        String saleKey = c.relatedOfflineId();
        StoredSale sale = saleKey == null ? null : lookup.salesByOfflineIds(List.of(saleKey)).get(saleKey);
        return sale == null ? null : BatchContext.KnownSale.of(sale);
    }

    private Booked book(ConflictRef c, JsonNode document, Instant now) {
        DevicePrincipal device = deviceOf(c);
        String raw = WireWriter.write(document);
        if (SalePhase.TYPE.equals(c.itemType())) {
            SaleDoc d = WireReader.sale(document);
            Branch branch = catalog.branch(c.branchId()).orElseThrow();
            Set<Long> products = new HashSet<>();
            d.items().forEach(l -> products.add(l.productId()));
            SaleRules.Checked checked = SaleRules.check(d, branch, catalog.products(products), catalog.prices(branch.getId(), products));
            SaleBooking booking = new SaleBooking(d, device.devicePk(), branch.getId(), device.merchantCode(), branch.getCode(),
                    Fingerprints.of(d), raw, checked.taxTotal(), checked.priceVariance(), checked.serverPrices(), c.conflictId(),
                    false, now);
            StoredSale old = lookup.salesByOfflineIds(List.of(SalesLookup.key(d.offlineId()))).get(SalesLookup.key(d.offlineId()));
            if (old == null && Issue.DUPLICATE_REFERENCE.equals(c.reason())) {
                old = lookup.salesByReferences(d.deviceId(), List.of(d.offlineReference())).get(d.offlineReference());
            }
            BookedSale booked = old != null ? booker.replaceSale(old, booking) : booker.bookSales(List.of(booking)).getFirst();
            BatchContext ctx = new BatchContext(device, branch, now, 0);
            Map<String, BatchContext.KnownSale> sales = new HashMap<>();
            sales.put(SalesLookup.key(d.offlineId()), new BatchContext.KnownSale(booked.id(), branch.getId(), d.grandTotal(),
                    java.math.BigDecimal.ZERO, false));
            followUps.releaseHeld(ctx, sales, List.of(SalesLookup.key(d.offlineId())));
            return new Booked(booked.id(), booked.transactionCode());
        }
        BatchContext.KnownSale sale = knownSale(c);
        if (sale == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "sale_unknown",
                    "The sale this " + c.itemType() + " belongs to has not arrived; it cannot be booked yet", null);
        }
        if (sale.voided) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "not_overridable", "The sale is already voided", null);
        }
        if (FollowUpPhase.PAYMENT.equals(c.itemType())) {
            PaymentDoc p = WireReader.payment(document);
            return new Booked(booker.bookPayments(List.of(new PaymentBooking(p, sale.id, device.deviceId(), Fingerprints.of(p), raw, now)))
                    .getFirst(), null);
        }
        VoidDoc v = WireReader.voidOf(document);
        return new Booked(booker.bookVoids(List.of(new VoidBooking(v, sale.id, sale.branchId, device.deviceId(), Fingerprints.of(v), raw, now)))
                .getFirst(), null);
    }

    private DevicePrincipal deviceOf(ConflictRef c) {
        return jdbc.queryForObject("""
                SELECT d.id, d.device_id, d.branch_id, b.code, b.merchant_id, m.code FROM offline_conflicts c
                JOIN devices d ON d.id = c.device_pk JOIN branches b ON b.id = c.branch_id JOIN merchants m ON m.id = b.merchant_id
                WHERE c.id = :id""", Map.of("id", c.id()), (rs, i) -> new DevicePrincipal(rs.getLong(1), rs.getString(2),
                rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getString(6)));
    }

    private static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "conflict_not_found", "No such conflict");
    }
}
