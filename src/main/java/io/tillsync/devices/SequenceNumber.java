package io.tillsync.devices;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The day and counter of an {@code offline_reference} ({@code DEVICEID-YYYYMMDD-SEQ}). */
public record SequenceNumber(LocalDate day, int seq) {

    private static final Pattern REFERENCE = Pattern.compile("^(.+)-(\\d{8})-(\\d{1,9})$");

    public static Optional<SequenceNumber> parse(String deviceId, String offlineReference) {
        if (offlineReference == null) {
            return Optional.empty();
        }
        Matcher m = REFERENCE.matcher(offlineReference);
        if (!m.matches() || !m.group(1).equals(deviceId)) {
            return Optional.empty();
        }
        try {
            String d = m.group(2);
            LocalDate day = LocalDate.of(Integer.parseInt(d.substring(0, 4)), Integer.parseInt(d.substring(4, 6)),
                    Integer.parseInt(d.substring(6, 8)));
            return Optional.of(new SequenceNumber(day, Integer.parseInt(m.group(3))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
