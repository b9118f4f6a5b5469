package io.tillsync.sales.booking;

record BookedSale(long id, String offlineId, String transactionCode) {
}
