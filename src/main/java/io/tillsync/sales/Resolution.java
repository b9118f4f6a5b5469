package io.tillsync.sales;

import io.tillsync.base.WireFormat;

@WireFormat
public record Resolution(
        String conflictId,
        String status,
        String strategy,
        String outcome,
        Long serverId,
        String transactionCode,
        String message) {
}
