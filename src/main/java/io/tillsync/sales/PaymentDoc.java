package io.tillsync.sales;

import java.math.BigDecimal;
import java.time.Instant;

public record PaymentDoc(String offlineId, String transactionOfflineId, String method, BigDecimal amount,
                         Instant paidAtDevice, String gatewayReference) {
}
