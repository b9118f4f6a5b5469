package io.tillsync.sync;

import io.tillsync.base.ApiException;
import io.tillsync.base.Db;
import io.tillsync.catalog.CatalogService;
import io.tillsync.devices.DevicePrincipal;
import io.tillsync.sales.WireWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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
    private final NamedParameterJdbcTemplate jdbc;

    ChangesService(CatalogService catalog, NamedParameterJdbcTemplate jdbc) {
        this.catalog = catalog;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Changes since(DevicePrincipal device, String cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter", "limit: between 1 and " + MAX_LIMIT, "limit");
        }
        if (cursor == null || cursor.isBlank()) {
            // read the position first: anything committed after it comes again with the next pull
            long position = catalog.currentChangeSeq(device.branchId());
            List<Changes.ProductChange> products = catalog.catalog(device.branchId(), null).stream().map(ChangesService::product).toList();
            return new Changes(true, branch(device), products, outcomes(device, null), PREFIX + position, false);
        }
        long since = parse(cursor);
        List<CatalogService.Change> changes = catalog.changesSince(device.branchId(), since, limit);
        Set<Long> productIds = new LinkedHashSet<>();
        Set<String> conflictIds = new LinkedHashSet<>();
        for (CatalogService.Change c : changes) {
            if ("product".equals(c.kind())) {
                productIds.add(Long.parseLong(c.refId()));
            } else if ("conflict".equals(c.kind())) {
                conflictIds.add(c.refId());
            }
        }
        long next = changes.isEmpty() ? since : changes.getLast().seq();
        List<Changes.ProductChange> products = catalog.catalog(device.branchId(), productIds).stream().map(ChangesService::product).toList();
        List<Changes.ConflictOutcome> outcomes = conflictIds.isEmpty() ? List.of() : outcomes(device, conflictIds);
        return new Changes(false, branch(device), products, outcomes, PREFIX + next, changes.size() == limit);
    }

    private Changes.BranchInfo branch(DevicePrincipal device) {
        var b = catalog.branch(device.branchId()).orElseThrow();
        return new Changes.BranchInfo(b.getCode(), b.getName(), device.merchantCode(), b.getTaxRate().stripTrailingZeros(),
                b.isPricesIncludeTax(), b.getMerchant().getName(), b.getAddress());
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
        throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_cursor",
                "since: not a cursor this server issued; pull without since to start over", "since");
    }

    private static Changes.ProductChange product(CatalogService.CatalogEntry e) {
        return new Changes.ProductChange(e.productId(), e.sku(), e.name(), e.unit(), e.active(), e.price(),
                e.priceValidFrom() == null ? null : e.priceValidFrom().toString(), e.stock());
    }

    /** Resolved conflicts of this device: all of them on a full pull, else the ones named by the feed. */
    private List<Changes.ConflictOutcome> outcomes(DevicePrincipal device, Set<String> conflictIds) {
        String filter = conflictIds == null ? "" : " AND c.conflict_id IN (:ids)";
        Map<String, Object> params = new HashMap<>(Map.of("device", device.devicePk()));
        if (conflictIds != null) {
            params.put("ids", conflictIds);
        }
        List<Changes.ConflictOutcome> result = new ArrayList<>();
        jdbc.query("""
                SELECT c.conflict_id, c.offline_id, c.item_type, c.conflict_type, c.status, c.resolution_strategy, c.outcome,
                       c.auto_resolved, c.booked_id, t.transaction_code, c.final_data, c.resolved_at
                FROM offline_conflicts c LEFT JOIN transactions t ON c.item_type = 'transaction' AND t.id = c.booked_id
                WHERE c.device_pk = :device AND c.status = 'resolved'""" + filter + " ORDER BY c.resolved_at LIMIT 1000",
                params, rs -> {
                    Instant resolvedAt = Db.instant(rs, 12);
                    result.add(new Changes.ConflictOutcome(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), (Long) rs.getObject(9, Long.class),
                            rs.getString(10), WireWriter.parse(rs.getString(11)), resolvedAt == null ? null : resolvedAt.toString()));
                });
        return result;
    }
}
