package io.tillsync.sync;

import io.tillsync.catalog.Branch;
import io.tillsync.catalog.CatalogService;
import io.tillsync.conflicts.ConflictStore;
import io.tillsync.conflicts.NewConflict;
import io.tillsync.devices.DevicePrincipal;
import io.tillsync.devices.DeviceService;
import io.tillsync.sales.ItemError;
import io.tillsync.sales.WireReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Books a batch. The whole batch is tried in one database transaction (few round trips, one
 * commit). Two devices or two nodes racing on the same items make the database refuse one of
 * them (unique index, deadlock): that transaction rolls back and the batch is tried again,
 * now seeing the other's committed rows as replays. If a batch still fails, every item is
 * tried alone in its own transaction, so one item's failure never undoes another's success.
 */
@Service
class BatchSyncService {

    private static final Logger log = LoggerFactory.getLogger(BatchSyncService.class);
    private static final int ATTEMPTS = 6;

    private final TransactionTemplate tx;
    private final CatalogService catalog;
    private final ConflictStore conflicts;
    private final DeviceService devices;
    private final SalePhase sales;
    private final FollowUpPhase followUps;
    private final ReplayCache replays;

    BatchSyncService(TransactionTemplate tx, CatalogService catalog, ConflictStore conflicts, DeviceService devices,
                     SalePhase sales, FollowUpPhase followUps, ReplayCache replays) {
        this.tx = tx;
        this.catalog = catalog;
        this.conflicts = conflicts;
        this.devices = devices;
        this.sales = sales;
        this.followUps = followUps;
        this.replays = replays;
    }

    BatchSyncResponse sync(DevicePrincipal device, BatchRequest request, Instant receivedAt) {
        var resent = replays.answer(device, request);
        if (resent.isPresent()) {
            List<ItemResult> results = resent.get();
            return new BatchSyncResponse(true, results.size(), results.size(), 0, results, List.of(), receivedAt.toString());
        }
        BatchContext ctx;
        try {
            ctx = withRetries(() -> tx.execute(status -> attempt(device, request, receivedAt)));
        } catch (RuntimeException e) {
            log.warn("Batch from {} failed as a whole ({}); trying its items one by one", device.deviceId(), e.toString());
            ctx = itemByItem(device, request, receivedAt);
        }
        List<ItemResult> results = Arrays.asList(ctx.results);
        int ok = (int) results.stream().filter(ItemResult::success).count();
        replays.remember(device, request, results);
        return new BatchSyncResponse(ok == results.size(), results.size(), ok, results.size() - ok, results,
                ctx.conflicts, receivedAt.toString());
    }

    private BatchContext attempt(DevicePrincipal device, BatchRequest request, Instant receivedAt) {
        // read in the batch's own transaction: a policy edited a moment ago applies, at no extra commit
        Branch branch = catalog.branch(device.branchId()).orElseThrow();
        BatchContext ctx = new BatchContext(device, branch, receivedAt, request.size());
        sales.run(ctx, request.transactions(), 0);
        followUps.releaseHeld(ctx, ctx.sales, ctx.bookedSaleKeys);
        followUps.run(ctx, FollowUpPhase.PAYMENT, request.payments(), request.transactions().size());
        followUps.run(ctx, FollowUpPhase.VOID, request.voids(), request.transactions().size() + request.payments().size());
        for (NewConflict c : ctx.newConflicts) {
            conflicts.insert(c, receivedAt);
        }
        devices.recordSequenceNumbers(device.devicePk(), ctx.sequenceNumbers, receivedAt);
        return ctx;
    }

    private BatchContext itemByItem(DevicePrincipal device, BatchRequest request, Instant receivedAt) {
        BatchContext all = new BatchContext(device, null, receivedAt, request.size());
        int index = 0;
        for (String type : List.of(SalePhase.TYPE, FollowUpPhase.PAYMENT, FollowUpPhase.VOID)) {
            List<JsonNode> items = switch (type) {
                case SalePhase.TYPE -> request.transactions();
                case FollowUpPhase.PAYMENT -> request.payments();
                default -> request.voids();
            };
            for (JsonNode item : items) {
                BatchRequest single = new BatchRequest(
                        type.equals(SalePhase.TYPE) ? List.of(item) : List.of(),
                        type.equals(FollowUpPhase.PAYMENT) ? List.of(item) : List.of(),
                        type.equals(FollowUpPhase.VOID) ? List.of(item) : List.of(),
                        request.deviceId(), request.syncedAt(), request.queueDepth(), request.appVersion(), null);
                try {
                    BatchContext one = withRetries(() -> tx.execute(status -> attempt(device, single, receivedAt)));
                    all.results[index] = one.results[0];
                    all.conflicts.addAll(one.conflicts);
                } catch (RuntimeException e) {
                    log.error("Item {} of a batch from {} could not be stored", index, device.deviceId(), e);
                    all.results[index] = ItemResult.failed(WireReader.offlineIdOf(item), type, new ItemError("internal_error",
                            "The server could not store this item; it is safe to send it again", null));
                }
                index++;
            }
        }
        return all;
    }

    private static <T> T withRetries(Supplier<T> work) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return work.get();
            } catch (DataIntegrityViolationException | TransientDataAccessException e) {
                last = e;
                sleepQuietly(Duration.ofMillis(5L * attempt * attempt + (long) (Math.random() * 10)));
            }
        }
        throw last;
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
