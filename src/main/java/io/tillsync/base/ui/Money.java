package io.tillsync.base.ui;

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

    public static boolean isIndonesian(Locale locale) {
        return locale != null && ("id".equals(locale.getLanguage()) || "in".equals(locale.getLanguage()));
    }

    public static boolean isMoneyField(String path) {
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return FIELDS.contains(field);
    }
}
