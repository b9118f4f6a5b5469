package io.tillsync.sales;

import java.time.Instant;

public record VoidDoc(String offlineId, String transactionOfflineId, String reason, Instant voidedAtDevice,
                      Long idUserApps) {
}
