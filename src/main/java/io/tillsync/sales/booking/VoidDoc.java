package io.tillsync.sales.booking;

import io.tillsync.sales.ItemKind;
import java.time.Instant;

record VoidDoc(String offlineId, String transactionOfflineId, String reason, Instant voidedAtDevice,
               Long idUserApps) implements FollowUp {

    @Override
    public ItemKind kind() {
        return ItemKind.VOID;
    }
}
