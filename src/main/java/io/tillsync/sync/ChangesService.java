package io.tillsync.sync;

import io.tillsync.base.Rejected;
import io.tillsync.catalog.CatalogService;
import io.tillsync.base.Json;
import io.tillsync.catalog.ChangeFeed;
import io.tillsync.sales.ConflictOutcomes;
import io.tillsync.devices.DevicePrincipal;
import io.tillsync.devices.TillBranch;
import io.tillsync.recovery.ServerEpoch;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pull. Cursors are opaque to devices ({@code c1.<n>}): the position in the branch's change
 * feed, whose numbers commit in order. Entries are current state, so a device simply upserts
 * them; pulling the same page twice is harmless.
 */
@Service
class ChangesService {

    static final int MAX_LIMIT = 1000;
    private static final String PREFIX = "c1.";

    private final CatalogService catalog;
    private final ChangeFeed feed;
    private final ConflictOutcomes outcomes;
    private final ServerEpoch epoch;

    ChangesService(CatalogService catalog, ChangeFeed feed, ConflictOutcomes outcomes, ServerEpoch epoch) {
        this.catalog = catalog;
        this.feed = feed;
        this.outcomes = outcomes;
        this.epoch = epoch;
    }

    @Transactional(readOnly = true)
    public Changes since(DevicePrincipal device, String cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Rejected(Rejected.Kind.MALFORMED, "invalid_parameter", "limit: between 1 and " + MAX_LIMIT, "limit");
        }
        if (cursor == null || cursor.isBlank()) {
            // read the position first: anything committed after it comes again with the next pull
            long position = feed.current(device.branchId());
            List<Changes.ProductChange> products = catalog.catalog(device.branchId(), null).stream().map(ChangesService::product).toList();
            ServerEpoch.Current e = epoch.current();
            return new Changes(true, branch(device), products, outcomes(device, null), PREFIX + position, false,
                    e.epoch(), since(e));
        }
        long since = parse(cursor);
        List<ChangeFeed.Change> changes = feed.since(device.branchId(), since, limit);
        Set<Long> productIds = new LinkedHashSet<>();
        Set<String> conflictIds = new LinkedHashSet<>();
        for (ChangeFeed.Change c : changes) {
            if (ChangeFeed.PRODUCT.equals(c.kind())) {
                productIds.add(Long.parseLong(c.refId()));
            } else if (ChangeFeed.CONFLICT.equals(c.kind())) {
                conflictIds.add(c.refId());
            }
        }
        long next = changes.isEmpty() ? since : changes.getLast().seq();
        List<Changes.ProductChange> products = catalog.catalog(device.branchId(), productIds).stream().map(ChangesService::product).toList();
        List<Changes.ConflictOutcome> settled = outcomes(device, conflictIds);
        ServerEpoch.Current e = epoch.current();
        return new Changes(false, branch(device), products, settled, PREFIX + next, changes.size() == limit,
                e.epoch(), since(e));
    }

    /** All of the device's settled conflicts when {@code conflictIds} is null (a full pull), else the ones named. */
    private List<Changes.ConflictOutcome> outcomes(DevicePrincipal device, Set<String> conflictIds) {
        return outcomes.of(device.devicePk(), conflictIds).stream().map(c -> new Changes.ConflictOutcome(c.conflictId(), c.offlineId(),
                c.itemType().wire(), c.conflictType().wire(), c.status().wire(), c.strategy(), c.outcome(), c.autoResolved(),
                c.bookedId(), c.transactionCode(), Json.parse(c.finalData()), c.resolvedAt() == null ? null : c.resolvedAt().toString()))
                .toList();
    }

    private static String since(ServerEpoch.Current e) {
        return e.resendSince() == null ? null : e.resendSince().toString();
    }

    private TillBranch branch(DevicePrincipal device) {
        return TillBranch.of(catalog.branch(device.branchId()).orElseThrow());
    }

    private static long parse(String cursor) {
        if (cursor.startsWith(PREFIX)) {
            try {
                long value = Long.parseLong(cursor.substring(PREFIX.length()));
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw new Rejected(Rejected.Kind.MALFORMED, "invalid_cursor",
                "since: not a cursor this server issued; pull without since to start over", "since");
    }

    private static Changes.ProductChange product(CatalogService.CatalogEntry e) {
        return new Changes.ProductChange(e.productId(), e.sku(), e.name(), e.unit(), e.active(), e.price(),
                e.priceValidFrom() == null ? null : e.priceValidFrom().toString(), e.stock());
    }
}
