package io.tillsync.sales.booking;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Canonical fingerprints of the business fields of an item. A replay is recognised by content,
 * not by bytes: key order, 15000 vs "15000.00", or a timestamp written with another offset do
 * not make a different sale.
 */
final class Fingerprints {

    private Fingerprints() {
    }

    static String of(Item item) {
        return switch (item) {
            case SaleDoc s -> of(s);
            case PaymentDoc p -> of(p);
            case VoidDoc v -> of(v);
        };
    }

    static String of(SaleDoc s) {
        Canon c = new Canon().add("sale").add(s.offlineId().toLowerCase()).add(s.offlineReference()).add(s.deviceId())
                .add(s.createdAtDevice()).add(s.branchCode()).add(s.paymentMethod()).add(s.idUserApps())
                .add(s.subtotal()).add(s.discountTotal()).add(s.taxTotal()).add(s.grandTotal()).add(s.status())
                .add(s.gatewayReference());
        for (SaleLine l : s.items()) {
            c.add(l.productId()).add(l.quantity()).add(l.unitPrice()).add(l.subtotal());
        }
        return c.hash();
    }

    static String of(PaymentDoc p) {
        return new Canon().add("payment").add(p.offlineId().toLowerCase()).add(p.transactionOfflineId().toLowerCase())
                .add(p.method()).add(p.amount()).add(p.paidAtDevice()).add(p.gatewayReference()).hash();
    }

    static String of(VoidDoc v) {
        return new Canon().add("void").add(v.offlineId().toLowerCase()).add(v.transactionOfflineId().toLowerCase())
                .add(v.reason()).add(v.voidedAtDevice()).add(v.idUserApps()).hash();
    }

    private static final class Canon {
        private final StringBuilder sb = new StringBuilder(256);

        Canon add(Object value) {
            String text = switch (value) {
                case null -> "\u0000";
                case BigDecimal d -> d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
                case Instant i -> Long.toString(i.toEpochMilli());
                default -> value.toString();
            };
            sb.append(text).append('\u001f');
            return this;
        }

        String hash() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
