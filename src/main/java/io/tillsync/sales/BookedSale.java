package io.tillsync.sales;

record BookedSale(long id, String offlineId, String transactionCode) {
}
