package io.tillsync.sync;

import io.tillsync.devices.DevicePrincipal;
import io.tillsync.sales.ItemKind;
import io.tillsync.sales.ItemResult;
import io.tillsync.sales.SalesIntake;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The answers to the latest batches of sales that were booked in full, by device, branch and
 * the digest of their items. When a response is lost, a till sends the same items again, often
 * many tills at once after an outage: those resends are answered here without reading,
 * fingerprinting and looking up every sale again.
 *
 * <p>Only batches whose every sale was booked plainly are kept: their answer can no longer
 * change (a stored sale stays stored under its id and code). Conflicts are left out, as their
 * status moves when a manager resolves them. Before an answer is reused, one query confirms
 * every sale is still stored under its id: a database restored from an older backup must book
 * them again rather than be told they exist. Anything not found here takes the full path, which
 * gives the same answer, so a small cache or a second node only costs speed.
 */
@Component
class ReplayCache {

    private record Key(long devicePk, long branchId, String digest) {
    }

    private final SalesIntake intake;
    private final Map<Key, List<ItemResult>> entries;

    ReplayCache(SalesIntake intake, SyncSettings settings) {
        this.intake = intake;
        int capacity = settings.replayCacheBatches();
        this.entries = new LinkedHashMap<>(Math.max(16, capacity), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, List<ItemResult>> eldest) {
                return size() > capacity;
            }
        };
    }

    Optional<List<ItemResult>> answer(DevicePrincipal device, BatchRequest request) {
        Key key = key(device, request);
        if (key == null) {
            return Optional.empty();
        }
        List<ItemResult> results;
        synchronized (entries) {
            results = entries.get(key);
        }
        if (results == null) {
            return Optional.empty();
        }
        Map<Long, String> stored = new HashMap<>();
        results.forEach(r -> stored.put(r.serverId(), r.offlineId()));
        if (!intake.stillStored(stored)) {
            synchronized (entries) {
                entries.remove(key);
            }
            return Optional.empty();
        }
        return Optional.of(results);
    }

    void remember(DevicePrincipal device, BatchRequest request, List<ItemResult> results) {
        Key key = key(device, request);
        if (key == null || results.isEmpty() || !results.stream().allMatch(ReplayCache::plainlyBooked)) {
            return;
        }
        List<ItemResult> replays = results.stream().map(ItemResult::asReplay).toList();
        synchronized (entries) {
            entries.put(key, replays);
        }
    }

    private static boolean plainlyBooked(ItemResult r) {
        return r.plainlyBooked() && r.type() == ItemKind.SALE;
    }

    private static Key key(DevicePrincipal device, BatchRequest request) {
        if (request.itemsDigest() == null || !request.payments().isEmpty() || !request.voids().isEmpty()
                || request.transactions().isEmpty()) {
            return null;
        }
        return new Key(device.devicePk(), device.branchId(), HexFormat.of().formatHex(request.itemsDigest()));
    }
}
