package io.tillsync.security;

import java.util.Optional;
import java.util.Set;

/** What a back-office password must be: long enough, not a known weak one, not the username. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final Set<String> WEAK = Set.of("password1234", "123456789012", "qwertyuiopas", "tillsync1234",
            "administrator", "passwordpassword", "letmein12345", "welcome12345");

    private PasswordPolicy() {
    }

    /** The reason the password is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("At least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("At most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(java.util.Locale.ROOT);
        if (WEAK.contains(lower) || lower.chars().distinct().count() < 5) {
            return Optional.of("Too easy to guess");
        }
        if (username != null && lower.contains(username.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("Must not contain the username");
        }
        return Optional.empty();
    }
}
