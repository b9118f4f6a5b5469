package io.tillsync.sync;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A batch whose envelope was checked; its items are still raw and are read one by one.
 * {@code itemsDigest} identifies the items as sent (null for a batch the server split itself).
 */
record BatchRequest(List<JsonNode> transactions, List<JsonNode> payments, List<JsonNode> voids, String deviceId,
                    Instant syncedAt, Integer queueDepth, String appVersion, byte[] itemsDigest) {

    int size() {
        return transactions.size() + payments.size() + voids.size();
    }
}
