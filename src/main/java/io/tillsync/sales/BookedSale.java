package io.tillsync.sales;

public record BookedSale(long id, String offlineId, String transactionCode) {
}
