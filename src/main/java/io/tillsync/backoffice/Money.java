package io.tillsync.backoffice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Set;

/** Rupiah as shop people write it: {@code Rp 33.000} in Indonesian, {@code Rp 33,000} in English; cents only when there are any. */
public final class Money {

    /** Wire fields that carry money, so a diff or a grid can show them as money rather than bare numbers. */
    public static final Set<String> FIELDS = Set.of("subtotal", "discount_total", "tax_total", "grand_total", "unit_price",
            "amount", "price", "server_price", "price_variance", "server_unit_price", "total");

    private Money() {
    }

    public static String format(BigDecimal amount, Locale locale) {
        if (amount == null) {
            return "";
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(isIndonesian(locale) ? Locale.forLanguageTag("id-ID") : Locale.US);
        boolean cents = amount.stripTrailingZeros().scale() > 0;
        DecimalFormat f = new DecimalFormat(cents ? "#,##0.00" : "#,##0", symbols);
        f.setRoundingMode(RoundingMode.HALF_UP);
        String digits = f.format(amount.abs());
        return (amount.signum() < 0 ? "-" : "") + "Rp " + digits;
    }

    /**
     * An amount as a person types it in their language: "16.500", "Rp 16.500" or "16.500,50" in
     * Indonesian (dots group thousands, as the pages show money), "16,500" or "16500.50" in English.
     * Null when it is not an amount.
     */
    public static BigDecimal parse(String typed, Locale locale) {
        if (typed == null) {
            return null;
        }
        String t = typed.strip().replaceFirst("(?i)^rp\\.?\\s*", "").replace(" ", "").replace("\u00a0", "");
        boolean negative = t.startsWith("-");
        if (negative) {
            t = t.substring(1);
        }
        String grouping = isIndonesian(locale) ? "." : ",";
        String decimal = isIndonesian(locale) ? "," : ".";
        String pattern = "\\d{1,3}(" + java.util.regex.Pattern.quote(grouping) + "\\d{3})*|\\d+";
        String[] parts = t.split(java.util.regex.Pattern.quote(decimal), -1);
        if (parts.length > 2 || !parts[0].matches(pattern) || (parts.length == 2 && !parts[1].matches("\\d{1,2}"))) {
            return null;
        }
        BigDecimal value = new BigDecimal(parts[0].replace(grouping, "") + (parts.length == 2 ? "." + parts[1] : ""));
        return negative ? value.negate() : value;
    }

    public static boolean isIndonesian(Locale locale) {
        return locale != null && ("id".equals(locale.getLanguage()) || "in".equals(locale.getLanguage()));
    }

    public static boolean isMoneyField(String path) {
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return FIELDS.contains(field);
    }
}
