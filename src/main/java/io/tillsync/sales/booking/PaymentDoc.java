package io.tillsync.sales.booking;

import io.tillsync.sales.ItemKind;
import java.math.BigDecimal;
import java.time.Instant;

record PaymentDoc(String offlineId, String transactionOfflineId, String method, BigDecimal amount,
                  Instant paidAtDevice, String gatewayReference) implements FollowUp {

    @Override
    public ItemKind kind() {
        return ItemKind.PAYMENT;
    }
}
