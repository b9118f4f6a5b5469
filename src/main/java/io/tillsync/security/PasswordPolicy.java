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
        return refusal(password, username).map(UserRejected::getMessage);
    }

    /** As {@link #problem}, as a refusal of the password field that the back-office can word in its language. */
    static Optional<UserRejected> refusal(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of(new UserRejected("At least " + MIN_LENGTH + " characters", "refusal.password.tooShort", MIN_LENGTH));
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of(new UserRejected("At most " + MAX_LENGTH + " characters", "refusal.password.tooLong", MAX_LENGTH));
        }
        String lower = password.toLowerCase(java.util.Locale.ROOT);
        if (WEAK.contains(lower) || lower.chars().distinct().count() < 5) {
            return Optional.of(new UserRejected("Too easy to guess", "refusal.password.weak"));
        }
        if (username != null && lower.contains(username.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of(new UserRejected("Must not contain the username", "refusal.password.containsUsername"));
        }
        return Optional.empty();
    }
}
