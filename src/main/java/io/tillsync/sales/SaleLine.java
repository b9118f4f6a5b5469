package io.tillsync.sales;

import java.math.BigDecimal;

public record SaleLine(long productId, BigDecimal quantity, BigDecimal unitPrice, BigDecimal subtotal) {
}
