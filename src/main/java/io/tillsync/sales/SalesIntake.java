package io.tillsync.sales;

import io.tillsync.devices.DevicePrincipal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The one way in for what devices send: each sale, payment and void of a batch is booked once,
 * answered as a replay, refused with its field named, or recorded as a conflict that the branch's
 * policy settles or a person resolves (see {@link Resolutions}).
 */
public interface SalesIntake {

    /** Takes a batch in; the answer holds one result per item, in request order. */
    IntakeAnswer take(DevicePrincipal device, IntakeBatch batch, Instant receivedAt);

    /** Whether every one of these sales is still stored under this id with this offline id. */
    boolean stillStored(Map<Long, String> offlineIdsById);

    /** The items of a batch as received, still raw: each is read and refused or booked on its own. */
    record IntakeBatch(List<JsonNode> transactions, List<JsonNode> payments, List<JsonNode> voids) {

        public int size() {
            return transactions.size() + payments.size() + voids.size();
        }
    }

    /** What became of a batch: one result per item in request order, and the conflicts to tell the device of. */
    record IntakeAnswer(List<ItemResult> results, List<ConflictReport> conflicts) {

        public int successCount() {
            return (int) results.stream().filter(ItemResult::success).count();
        }
    }
}
