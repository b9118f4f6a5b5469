package io.tillsync.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A sale with everything booked against it.
 *
 * @param deviceName the till's name as enrolled, or null if it has none
 * @param replacedBy for a replaced sale, the code of the sale the till sent in its place; otherwise null
 */
public record TransactionDetail(TransactionRow row, String branchCode, String branchName, String deviceName,
                                BigDecimal subtotal, BigDecimal discountTotal, BigDecimal taxTotal, BigDecimal priceVariance, String gatewayReference, String rawJson,
                                List<Line> lines, List<Payment> payments, List<Void> voids, List<Movement> movements,
                                List<String> conflictIds, String replacedBy) {

    public record Line(int lineNo, long productId, String productName, BigDecimal quantity, BigDecimal unitPrice,
                       BigDecimal subtotal, BigDecimal serverUnitPrice) {
    }

    public record Payment(String offlineId, String method, BigDecimal amount, String gatewayReference, Instant paidAtDevice) {
    }

    public record Void(String offlineId, String reason, Instant voidedAtDevice) {
    }

    public record Movement(long productId, BigDecimal delta, String reason, Instant at) {
    }
}
