package io.tillsync.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A sale ready to be written: the device's document plus what the server settled about it.
 *
 * @param taxTotal       the tax as sent, or as the branch's rule computed it when the device left it out
 * @param serverPrices   the branch's price of each product at the time of sale, where known
 * @param stockTaken     true when stock was already taken line by line (branches that forbid negative stock)
 */
public record SaleBooking(SaleDoc doc, long devicePk, long branchId, String merchantCode, String branchCode,
                          String fingerprint, String rawJson, BigDecimal taxTotal, BigDecimal priceVariance,
                          Map<Long, BigDecimal> serverPrices, String conflictId, boolean stockTaken, Instant receivedAt) {
}
