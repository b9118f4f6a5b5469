package io.tillsync.sales.booking;

import java.math.BigDecimal;

record SaleLine(long productId, BigDecimal quantity, BigDecimal unitPrice, BigDecimal subtotal) {
}
