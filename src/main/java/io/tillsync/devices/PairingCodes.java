package io.tillsync.devices;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Pairing codes: 8 characters a cashier reads off the back-office and types on a tablet. The
 * alphabet leaves out what is easily misread (0/O, 1/I/L), so 31 symbols: about 40 bits, enough
 * for a code that lives 10 minutes, is used once and is guessed at most 10 times a minute per
 * address. Stored like tokens, as a SHA-256 only.
 */
final class PairingCodes {

    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PairingCodes() {
    }

    /** A fresh code, without the dash. */
    static String issue() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** As shown to people: two groups of four, {@code K7QM-4XPT}. */
    static String grouped(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** What a cashier typed, without dashes, spaces and case; empty when it cannot be a code. */
    static Optional<String> normalize(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(code);
    }

    static String hash(String code) {
        return DeviceTokens.hash("pair:" + code);
    }
}
