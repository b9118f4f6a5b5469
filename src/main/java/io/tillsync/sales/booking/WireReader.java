package io.tillsync.sales.booking;

import io.tillsync.sales.ItemResult.ItemError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads one item of a batch field by field. Binding the whole batch with a data binder would
 * turn one wrong type in one item into an error for the whole request; the contract wants a
 * per-item error that names the field, so items are read by hand with strict types and ranges.
 * Unknown fields are ignored.
 */
final class WireReader {

    /** The largest amount DECIMAL(15,2) holds. */
    static final BigDecimal MAX_MONEY = new BigDecimal("9999999999999.99");
    static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000");
    static final int MAX_LINES = 500;
    static final int OFFLINE_REFERENCE_MAX = 100;
    static final int REASON_MAX = 255;
    static final int OFFLINE_ID_MAX = 64;
    static final int GATEWAY_REFERENCE_MAX = 100;
    private static final Pattern METHOD = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,29}$");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    /** Thrown for the first problem found; the item is refused as a whole. */
    static final class Invalid extends RuntimeException {
        private final ItemError error;

        Invalid(String field, String message) {
            super(field + ": " + message, null, false, false);
            this.error = ItemError.validation(field, message);
        }

        ItemError error() {
            return error;
        }
    }

    private WireReader() {
    }

    /** The offline_id of an item if it has a readable one, so even a refused item can be named in its result. */
    static String offlineIdOf(JsonNode item) {
        JsonNode id = item == null ? null : item.get("offline_id");
        return id != null && id.isString() && id.stringValue().length() <= 64 ? id.stringValue() : null;
    }

    static SaleDoc sale(JsonNode n) {
        requireObject(n);
        String offlineId = uuid(n, "offline_id");
        String reference = identifier("offline_reference", string(n, "offline_reference", OFFLINE_REFERENCE_MAX, true));
        String deviceId = identifier("device_id", string(n, "device_id", 64, true));
        OffsetDateTime created = timestamp(n, "created_at_device");
        String branchCode = identifier("branch_code", string(n, "branch_code", 40, true));
        String method = paymentMethod(n, "payment_method");
        Long user = optionalLong(n, "id_user_apps");
        JsonNode itemsNode = n.get("items");
        if (itemsNode == null || itemsNode.isNull()) {
            throw new Invalid("items", "is required");
        }
        if (!itemsNode.isArray()) {
            throw new Invalid("items", "must be an array");
        }
        if (itemsNode.isEmpty()) {
            throw new Invalid("items", "a sale has at least one line");
        }
        if (itemsNode.size() > MAX_LINES) {
            throw new Invalid("items", "at most " + MAX_LINES + " lines");
        }
        List<SaleLine> lines = new ArrayList<>(itemsNode.size());
        for (int i = 0; i < itemsNode.size(); i++) {
            JsonNode line = itemsNode.get(i);
            String prefix = "items[" + i + "].";
            if (line == null || !line.isObject()) {
                throw new Invalid("items[" + i + "]", "must be an object");
            }
            long productId = requiredLong(line, "product_id", prefix);
            if (productId <= 0) {
                throw new Invalid(prefix + "product_id", "must be a positive id");
            }
            BigDecimal quantity = decimal(line, "quantity", prefix, 3, MAX_QUANTITY, true);
            if (quantity.signum() <= 0) {
                throw new Invalid(prefix + "quantity", "must be greater than 0");
            }
            lines.add(new SaleLine(productId, quantity, money(line, "unit_price", prefix, true),
                    money(line, "subtotal", prefix, true)));
        }
        BigDecimal subtotal = money(n, "subtotal", "", true);
        BigDecimal discount = money(n, "discount_total", "", false);
        BigDecimal tax = money(n, "tax_total", "", false);
        BigDecimal grand = money(n, "grand_total", "", true);
        String status = optionalString(n, "status", 20);
        if (status == null) {
            status = SaleDoc.STATUS_PAID;
        }
        if (!SaleDoc.STATUS_PAID.equals(status) && !SaleDoc.STATUS_UNPAID.equals(status)) {
            throw new Invalid("status", "must be \"paid\" or \"unpaid\"");
        }
        boolean offline = optionalBoolean(n, "is_offline", true);
        String gateway = identifier("gateway_reference", optionalString(n, "gateway_reference", GATEWAY_REFERENCE_MAX));
        return new SaleDoc(offlineId, reference, deviceId, created.toInstant(), created.toLocalDate(), branchCode,
                method, user, List.copyOf(lines), subtotal, discount == null ? BigDecimal.ZERO : discount, tax, grand,
                status, offline, gateway);
    }

    static PaymentDoc payment(JsonNode n) {
        requireObject(n);
        String offlineId = uuid(n, "offline_id");
        String saleId = uuid(n, "transaction_offline_id");
        String method = paymentMethod(n, "method");
        BigDecimal amount = money(n, "amount", "", true);
        if (amount.signum() <= 0) {
            throw new Invalid("amount", "must be greater than 0");
        }
        OffsetDateTime paidAt = timestamp(n, "paid_at_device");
        return new PaymentDoc(offlineId, saleId, method, amount, paidAt.toInstant(),
                identifier("gateway_reference", optionalString(n, "gateway_reference", GATEWAY_REFERENCE_MAX)));
    }

    static VoidDoc voidOf(JsonNode n) {
        requireObject(n);
        String offlineId = uuid(n, "offline_id");
        String saleId = uuid(n, "transaction_offline_id");
        String reason = optionalString(n, "reason", REASON_MAX);
        OffsetDateTime at = timestamp(n, "voided_at_device");
        return new VoidDoc(offlineId, saleId, reason == null ? "" : reason, at.toInstant(), optionalLong(n, "id_user_apps"));
    }

    private static void requireObject(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new Invalid("(item)", "must be a JSON object");
        }
    }

    private static JsonNode required(JsonNode n, String field, String prefix) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new Invalid(prefix + field, "is required");
        }
        return v;
    }

    /**
     * Offline ids should be UUID v4, but any id of up to 64 printable characters is taken: tills
     * already in the field (and the contract's own example) send shorter ones, and refusing them
     * would strand their sales.
     */
    private static String uuid(JsonNode n, String field) {
        return identifier(field, string(n, field, OFFLINE_ID_MAX, true));
    }

    /**
     * An identifier a person reads in the back-office or a database compares: no character that is
     * invisible or reorders the text around it (zero-width spaces and joiners, bidi controls, the
     * byte-order mark, soft hyphens: Unicode's format characters), no other control, separator or
     * half of a surrogate pair. {@code DEV1-20251013-001} and the same with a zero-width space in it
     * would otherwise show as one reference and be stored as two.
     */
    static String identifier(String field, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            int type = Character.getType(c);
            if (type == Character.FORMAT || type == Character.CONTROL || type == Character.SURROGATE || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE) {
                throw new Invalid(field, String.format("must not contain invisible or direction-changing characters (U+%04X)", c));
            }
            i += Character.charCount(c);
        }
        return value;
    }

    private static String string(JsonNode n, String field, int max, boolean required) {
        JsonNode v = required ? required(n, field, "") : n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new Invalid(field, "must be a string");
        }
        String s = v.stringValue();
        if (required && s.isBlank()) {
            throw new Invalid(field, "must not be blank");
        }
        if (s.length() > max) {
            throw new Invalid(field, "at most " + max + " characters");
        }
        if (s.chars().anyMatch(c -> c < 0x20)) {
            throw new Invalid(field, "must not contain control characters");
        }
        return s;
    }

    private static String optionalString(JsonNode n, String field, int max) {
        return string(n, field, max, false);
    }

    private static String paymentMethod(JsonNode n, String field) {
        String method = string(n, field, 30, true);
        if (!METHOD.matcher(method).matches()) {
            throw new Invalid(field, "letters, digits and '_', like CASH or QRIS");
        }
        return method.toUpperCase(java.util.Locale.ROOT);
    }

    private static OffsetDateTime timestamp(JsonNode n, String field) {
        String value = string(n, field, 40, true);
        try {
            OffsetDateTime t = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            Instant i = t.toInstant();
            if (i.isBefore(EARLIEST) || !i.isBefore(LATEST)) {
                throw new Invalid(field, "must lie between 2000 and 2100");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw new Invalid(field, "must be an ISO-8601 timestamp with an offset, like 2025-10-13T10:30:00Z");
        }
    }

    private static long requiredLong(JsonNode n, String field, String prefix) {
        JsonNode v = required(n, field, prefix);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new Invalid(prefix + field, "must be a whole number");
        }
        return v.longValue();
    }

    private static Long optionalLong(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw new Invalid(field, "must be a non-negative whole number");
        }
        return v.longValue();
    }

    private static boolean optionalBoolean(JsonNode n, String field, boolean fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new Invalid(field, "must be true or false");
        }
        return v.booleanValue();
    }

    private static BigDecimal money(JsonNode n, String field, String prefix, boolean required) {
        return decimal(n, field, prefix, 2, MAX_MONEY, required);
    }

    /** Money and quantities: JSON numbers or decimal strings, exact, never through a double. */
    private static BigDecimal decimal(JsonNode n, String field, String prefix, int maxScale, BigDecimal max, boolean required) {
        JsonNode v = required ? required(n, field, prefix) : n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        BigDecimal value;
        if (v.isNumber()) {
            if (!v.isIntegralNumber() && !v.isBigDecimal()) {
                throw new Invalid(prefix + field, "must be an exact decimal number");
            }
            value = v.decimalValue();
        } else if (v.isString() && v.stringValue().length() <= 32) {
            try {
                value = new BigDecimal(v.stringValue().strip());
            } catch (NumberFormatException e) {
                throw new Invalid(prefix + field, "must be a number or a decimal string");
            }
        } else {
            throw new Invalid(prefix + field, "must be a number or a decimal string");
        }
        if (value.abs().compareTo(max) > 0) {
            throw new Invalid(prefix + field, "must not exceed " + max.toPlainString());
        }
        if (value.signum() < 0) {
            throw new Invalid(prefix + field, "must not be negative");
        }
        BigDecimal normalized = value.stripTrailingZeros();
        if (normalized.scale() > maxScale) {
            throw new Invalid(prefix + field, "at most " + maxScale + " fraction digits");
        }
        return normalized.setScale(maxScale);
    }
}
