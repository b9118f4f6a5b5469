package io.tillsync.sales.booking;

/** A payment or a void: an item that names the sale it follows. */
sealed interface FollowUp extends Item permits PaymentDoc, VoidDoc {

    String transactionOfflineId();
}
