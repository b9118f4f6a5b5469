package io.tillsync.security;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Locks a username for a while after repeated wrong passwords, against guessing. Kept in
 * memory: a restart forgives, which is acceptable for a lock measured in minutes.
 */
@Component
class LoginThrottle {

    private record Failures(int count, Instant lockedUntil) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration lock;

    LoginThrottle(@Value("${tillsync.login.max-failures:5}") int maxFailures, @Value("${tillsync.login.lock-minutes:15}") long lockMinutes) {
        this.maxFailures = maxFailures;
        this.lock = Duration.ofMinutes(lockMinutes);
    }

    public boolean isLocked(String username) {
        Failures f = failures.get(key(username));
        return f != null && f.lockedUntil() != null && Instant.now().isBefore(f.lockedUntil());
    }

    @EventListener
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        failures.compute(key(event.getAuthentication().getName()), (k, f) -> {
            int count = (f == null ? 0 : f.count()) + 1;
            return new Failures(count, count >= maxFailures ? Instant.now().plus(lock) : null);
        });
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        failures.remove(key(event.getAuthentication().getName()));
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
