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

    /** "3 h 5 min" style ages for backlogs and last-seen columns. */
    public static String age(Instant since, Instant now) {
        if (since == null) {
            return "—";
        }
        Duration d = Duration.between(since, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return d.toMinutes() + " min";
    }
}
