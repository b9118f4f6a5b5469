package io.tillsync.sales.booking;

import io.tillsync.catalog.Branch;
import io.tillsync.devices.DevicePrincipal;
import io.tillsync.devices.SequenceNumber;
import io.tillsync.sales.ConflictReport;
import io.tillsync.sales.ItemResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One attempt at a batch: results by position, sales known so far, and what is written at its end. */
final class Batch {

    /**
     * A sale known in this batch, stored before or booked now. Its paid total and voided flag move
     * as the batch's payments and voids are checked, so each is checked against the ones before it.
     */
    static final class KnownSale {
        final long id;
        final long branchId;
        final BigDecimal grandTotal;
        BigDecimal paid = BigDecimal.ZERO;
        boolean voided;

        /** A sale booked just now: nothing paid against it yet, not voided. */
        KnownSale(long id, long branchId, BigDecimal grandTotal) {
            this.id = id;
            this.branchId = branchId;
            this.grandTotal = grandTotal;
        }

        static KnownSale of(StoredSale s) {
            KnownSale known = new KnownSale(s.id(), s.branchId(), s.grandTotal());
            known.paid = s.paidTotal();
            known.voided = s.voided();
            return known;
        }
    }

    final DevicePrincipal device;
    final Branch branch;
    final Instant receivedAt;
    final ItemResult[] results;
    final List<ConflictReport> reports = new ArrayList<>();
    final List<SequenceNumber> sequenceNumbers = new ArrayList<>();
    final Map<String, KnownSale> sales = new HashMap<>();
    final List<String> bookedSaleKeys = new ArrayList<>();
    final List<NewConflict> newConflicts = new ArrayList<>();
    /** Conflicts settled in this batch, for the branch's change feed at the end. */
    final Set<String> settled = new LinkedHashSet<>();
    /**
     * Whether the sales' stock is locked when they are decided, or decided on stock as last
     * committed and applied at the end ({@link #stockPlan}): see {@link io.tillsync.catalog.Stock#plan}.
     */
    boolean lockStockFirst = true;
    /** The sales' stock decision, still to be applied just before the commit; null when nothing is left to apply. */
    io.tillsync.catalog.Stock.Plan stockPlan;

    Batch(DevicePrincipal device, Branch branch, Instant receivedAt, int size) {
        this.device = device;
        this.branch = branch;
        this.receivedAt = receivedAt;
        this.results = new ItemResult[size];
    }

    NewConflict.Origin origin() {
        return new NewConflict.Origin(branch.id(), device.devicePk(), device.deviceId());
    }

    /** Records a conflict: written with the batch, reported to the device, and its result set. */
    void conflict(int index, NewConflict c, ItemResult result) {
        conflict(index, c, result, null);
    }

    /** The same, with the item as received ({@code local}), which the report then shows as it is. */
    void conflict(int index, NewConflict c, ItemResult result, tools.jackson.databind.JsonNode local) {
        newConflicts.add(c);
        results[index] = result;
        reports.add(Outcomes.report(c, local));
        if (c.autoResolved()) {
            // the outcome reaches the device's pull as well as this answer
            settled.add(c.conflictId());
        }
    }
}
