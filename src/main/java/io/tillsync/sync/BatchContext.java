package io.tillsync.sync;

import io.tillsync.catalog.Branch;
import io.tillsync.conflicts.NewConflict;
import io.tillsync.devices.DevicePrincipal;
import io.tillsync.devices.SequenceNumber;
import io.tillsync.sales.StoredSale;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The state of one attempt at a batch: results by position, sales booked so far, conflicts to report. */
final class BatchContext {

    /** A sale known in this batch, stored before or booked now. */
    static final class KnownSale {
        final long id;
        final long branchId;
        final BigDecimal grandTotal;
        BigDecimal paid;
        boolean voided;

        KnownSale(long id, long branchId, BigDecimal grandTotal, BigDecimal paid, boolean voided) {
            this.id = id;
            this.branchId = branchId;
            this.grandTotal = grandTotal;
            this.paid = paid;
            this.voided = voided;
        }

        static KnownSale of(StoredSale s) {
            return new KnownSale(s.id(), s.branchId(), s.grandTotal(), s.paidTotal(), s.voided());
        }
    }

    final DevicePrincipal device;
    final Branch branch;
    final Instant receivedAt;
    final ItemResult[] results;
    final List<ConflictReport> conflicts = new ArrayList<>();
    final List<SequenceNumber> sequenceNumbers = new ArrayList<>();
    final Map<String, KnownSale> sales = new HashMap<>();
    final List<String> bookedSaleKeys = new ArrayList<>();
    final List<NewConflict> newConflicts = new ArrayList<>();

    BatchContext(DevicePrincipal device, Branch branch, Instant receivedAt, int size) {
        this.device = device;
        this.branch = branch;
        this.receivedAt = receivedAt;
        this.results = new ItemResult[size];
    }
}
