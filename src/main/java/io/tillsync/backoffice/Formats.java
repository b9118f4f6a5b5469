package io.tillsync.backoffice;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the shops read them: Western Indonesia time, day first. */
public final class Formats {

    public static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss");

    private Formats() {
    }

    public static String dateTime(Instant at, Locale locale) {
        return at == null ? "—" : DATE_TIME.withLocale(locale == null ? Locale.ENGLISH : locale).format(at.atZone(ZONE));
    }

    /** A branch or till by its name, with its code only when the name does not already say it; the code alone when it has no name. */
    public static String named(String name, String code) {
        if (name == null || name.isBlank()) {
            return code;
        }
        return code == null || name.contains(code) ? name : name + " (" + code + ")";
    }

    /** "3 h 5 min" style ages for backlogs and last-seen columns, in the user's language. */
    public static String age(Instant since, Instant now, Locale locale) {
        if (since == null) {
            return "—";
        }
        Duration d = Duration.between(since, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toDays() > 0) {
            return Translations.text("age.days", locale, Long.toString(d.toDays()), Integer.toString(d.toHoursPart()));
        }
        if (d.toHours() > 0) {
            return Translations.text("age.hours", locale, Long.toString(d.toHours()), Integer.toString(d.toMinutesPart()));
        }
        return Translations.text("age.minutes", locale, Long.toString(d.toMinutes()));
    }

    /** A rate as a percentage with one decimal in the user's number format: "29.5 %", "29,5 %". */
    public static String percent(double rate, Locale locale) {
        return oneDecimal(locale, false).format(rate * 100) + " %";
    }

    /** A clock difference in seconds, signed, one decimal: "+1.5 s", "+1,5 dtk". */
    public static String seconds(long millis, Locale locale) {
        return oneDecimal(locale, true).format(millis / 1000.0) + " " + Translations.text("unit.seconds", locale);
    }

    private static NumberFormat oneDecimal(Locale locale, boolean signed) {
        NumberFormat f = NumberFormat.getNumberInstance(Money.isIndonesian(locale) ? Locale.forLanguageTag("id-ID") : Locale.US);
        f.setMinimumFractionDigits(1);
        f.setMaximumFractionDigits(1);
        if (signed && f instanceof java.text.DecimalFormat d) {
            d.setPositivePrefix("+");
        }
        return f;
    }
}
