package io.tillsync.sales.booking;

import io.tillsync.base.Contention;
import io.tillsync.base.RetriedTransactions;
import io.tillsync.catalog.Branch;
import io.tillsync.catalog.CatalogService;
import io.tillsync.catalog.Stock;
import io.tillsync.devices.DevicePrincipal;
import io.tillsync.devices.DeviceService;
import io.tillsync.sales.ItemKind;
import io.tillsync.sales.ItemResult.ItemError;
import io.tillsync.sales.ItemResult;
import io.tillsync.sales.SalesIntake.IntakeAnswer;
import io.tillsync.sales.SalesIntake.IntakeBatch;
import io.tillsync.sales.SalesIntake;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The one way in for what devices send: reading, checking, deciding (book, replay, conflict,
 * policy) and booking of sales, payments and voids. The whole batch is tried in one database
 * transaction (few round trips, one commit). Two devices or two nodes racing on the same items make
 * the database refuse one of them (unique index, deadlock): that transaction rolls back and the
 * batch is tried again, now seeing the other's committed rows as replays. If a batch still fails,
 * every item is tried alone in its own transaction, so one item's failure never undoes another's success.
 */
@Service
class BatchIntake implements SalesIntake {

    private static final Logger log = LoggerFactory.getLogger(BatchIntake.class);

    private final RetriedTransactions transactions;
    private final CatalogService catalog;
    private final ConflictStore conflicts;
    private final DeviceService devices;
    private final IncomingSales sales;
    private final IncomingFollowUps followUps;
    private final SalesLookup lookup;
    private final Stock stock;

    BatchIntake(RetriedTransactions transactions, CatalogService catalog, ConflictStore conflicts, DeviceService devices,
                IncomingSales sales, IncomingFollowUps followUps, SalesLookup lookup, Stock stock) {
        this.transactions = transactions;
        this.stock = stock;
        this.catalog = catalog;
        this.conflicts = conflicts;
        this.devices = devices;
        this.sales = sales;
        this.followUps = followUps;
        this.lookup = lookup;
    }

    @Override
    public IntakeAnswer take(DevicePrincipal device, IntakeBatch batch, Instant receivedAt) {
        Batch done;
        // the first try decides stock without locks and applies it last; a batch with voids gives
        // stock back on the way and every later try locks first, so no batch is replanned twice
        boolean[] lockStockFirst = {!batch.voids().isEmpty()};
        try {
            done = transactions.inTransaction("batch", status -> {
                boolean lockFirst = lockStockFirst[0];
                lockStockFirst[0] = true;
                return attempt(device, batch, receivedAt, lockFirst);
            });
        } catch (RuntimeException e) {
            if (Contention.of(e) == Contention.UNAVAILABLE) {
                // no database to try the items on either: 503 with Retry-After, the till sends the batch again
                throw e;
            }
            log.warn("Batch from {} failed as a whole ({}); trying its items one by one", device.deviceId(), e.toString());
            done = itemByItem(device, batch, receivedAt);
        }
        return new IntakeAnswer(Arrays.asList(done.results), done.reports);
    }

    @Override
    public boolean stillStored(Map<Long, String> offlineIdsById) {
        return lookup.allStored(offlineIdsById);
    }

    private Batch attempt(DevicePrincipal device, IntakeBatch items, Instant receivedAt, boolean lockStockFirst) {
        // read in the batch's own transaction: a policy edited a moment ago applies, at no extra commit
        Branch branch = catalog.branch(device.branchId()).orElseThrow();
        Batch b = new Batch(device, branch, receivedAt, items.size());
        b.lockStockFirst = lockStockFirst;
        int payments = items.transactions().size();
        int voids = payments + items.payments().size();
        sales.run(b, items.transactions(), 0);
        followUps.run(b, ItemKind.PAYMENT, items.payments(), payments);
        followUps.run(b, ItemKind.VOID, items.voids(), voids);
        conflicts.insertAll(b.newConflicts, receivedAt);
        devices.recordSequenceNumbers(device.devicePk(), b.sequenceNumbers, receivedAt);
        if (b.stockPlan != null) {
            // the stock rows, locked from here to the commit (or Stock.Moved: the batch is tried again)
            stock.settle(b.stockPlan);
        }
        // Payments and voids that came before the sales booked now. Looking for them locks the
        // index range where such items would go (so one arriving now waits for this commit), and
        // that range borders where new conflicts are written: taken before the batch's own conflict
        // rows, two batches would each hold it and wait for the other's insert. So it is taken
        // here, after them and after the stock, for the moment of the commit.
        followUps.releaseHeld(b, b.sales, b.bookedSaleKeys);
        // last: the branch's change-feed row is locked from here to the commit
        conflicts.announce(branch.id(), b.settled);
        return b;
    }

    private Batch itemByItem(DevicePrincipal device, IntakeBatch batch, Instant receivedAt) {
        Batch all = new Batch(device, null, receivedAt, batch.size());
        int index = 0;
        for (ItemKind kind : ItemKind.values()) {
            List<JsonNode> items = switch (kind) {
                case SALE -> batch.transactions();
                case PAYMENT -> batch.payments();
                case VOID -> batch.voids();
            };
            for (JsonNode item : items) {
                IntakeBatch single = new IntakeBatch(kind == ItemKind.SALE ? List.of(item) : List.of(),
                        kind == ItemKind.PAYMENT ? List.of(item) : List.of(), kind == ItemKind.VOID ? List.of(item) : List.of());
                try {
                    Batch one = transactions.inTransaction("batch", status -> attempt(device, single, receivedAt, true));
                    all.results[index] = one.results[0];
                    all.reports.addAll(one.reports);
                } catch (RuntimeException e) {
                    if (Contention.of(e) == Contention.UNAVAILABLE) {
                        // items booked alone so far are replays when the till sends the batch again
                        throw e;
                    }
                    log.error("Item {} of a batch from {} could not be stored", index, device.deviceId(), e);
                    all.results[index] = ItemResult.failed(kind, WireReader.offlineIdOf(item), ItemError.internal());
                }
                index++;
            }
        }
        return all;
    }
}
