package io.tillsync.sales.booking;

import io.tillsync.sales.ItemKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A sale as a device sent it, after its fields were read and checked for type and range.
 * {@code taxTotal} is null when the device left it to the branch's tax rule.
 */
record SaleDoc(String offlineId, String offlineReference, String deviceId, Instant createdAtDevice,
                      LocalDate deviceDate, String branchCode, String paymentMethod, Long idUserApps,
                      List<SaleLine> items, BigDecimal subtotal, BigDecimal discountTotal, BigDecimal taxTotal,
                      BigDecimal grandTotal, String status, boolean offline, String gatewayReference) implements Item {

    public static final String STATUS_PAID = "paid";
    public static final String STATUS_UNPAID = "unpaid";
    public static final String STATUS_VOIDED = "voided";

    @Override
    public ItemKind kind() {
        return ItemKind.SALE;
    }

    public boolean paid() {
        return STATUS_PAID.equals(status);
    }
}
