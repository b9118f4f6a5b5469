package io.tillsync.sales.booking;

import io.tillsync.sales.ItemKind;

/** What a device sends, read off the wire: a sale, or a payment or void that follows a sale. */
sealed interface Item permits SaleDoc, FollowUp {

    String offlineId();

    ItemKind kind();
}
