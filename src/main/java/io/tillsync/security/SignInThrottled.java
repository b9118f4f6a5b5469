package io.tillsync.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused unchecked: this address tried too many wrong passwords and must wait. */
final class SignInThrottled extends AuthenticationException {

    private final Duration wait;

    SignInThrottled(Duration wait) {
        super("Too many wrong passwords from this address; wait before trying again");
        this.wait = wait;
    }

    /** Whole seconds to wait, at least 1. */
    long retryAfterSeconds() {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
