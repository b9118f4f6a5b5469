package io.tillsync.base.ui;

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
}
