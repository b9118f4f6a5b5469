package io.tillsync.security;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without letting anyone lock the owner out. Wrong passwords are
 * counted per user AND source address: after {@code max-failures} of them, that address waits
 * before its next try for that user, {@code first-delay} at first and twice as long after each
 * further wrong password, up to {@code lock-minutes}. The owner at another address is not
 * affected, and a right password from the blocked address is not even checked until the wait is
 * over. There is deliberately no count per address over all users: a shop's tills and managers
 * often share one public address, and one misconfigured client there would lock them all out.
 *
 * <p>The counters live in the database ({@code login_throttles}), so every node behind the
 * balancer sees the same ones; each row is changed with one atomic statement. Wrong passwords
 * and back-office sign-ins are recorded in {@code login_attempts} for admins.
 */
@Component
class LoginThrottle {

    private final JdbcTemplate jdbc;
    private final int maxFailures;
    private final long firstDelaySeconds;
    private final long maxDelaySeconds;
    private final int forgetHours;

    LoginThrottle(JdbcTemplate jdbc, LoginSettings settings) {
        this.jdbc = jdbc;
        this.maxFailures = Math.max(1, settings.maxFailures());
        this.firstDelaySeconds = Math.max(1, settings.firstDelaySeconds());
        this.maxDelaySeconds = Math.max(this.firstDelaySeconds, settings.lockMinutes() * 60);
        this.forgetHours = Math.max(1, settings.forgetHours());
    }

    /** How long this address must still wait before a password for this user is checked; zero when it may try now. */
    Duration waitFor(String username, String source) {
        Long micros = jdbc.queryForObject("SELECT TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), MAX(blocked_until)) FROM login_throttles"
                + " WHERE username = ? AND source = ? AND blocked_until > UTC_TIMESTAMP(3)", Long.class, key(username), source(source));
        return micros == null || micros <= 0 ? Duration.ZERO : Duration.ofNanos(micros * 1000);
    }

    /** An attempt turned away unchecked while blocked: counted on the block, not logged one by one (a flood would fill the log). */
    void refused(String username, String source) {
        jdbc.update("UPDATE login_throttles SET refused = refused + 1"
                + " WHERE username = ? AND source = ? AND blocked_until > UTC_TIMESTAMP(3)", key(username), source(source));
    }

    void failed(String username, String source) {
        String user = key(username);
        String address = source(source);
        count(user, address);
        record(user, address, "wrong_password");
    }

    /** A right password: this user's count at this address starts again. */
    void succeeded(String username, String source) {
        jdbc.update("DELETE FROM login_throttles WHERE username = ? AND source = ?", key(username), source(source));
    }

    /** Back-office sign-ins go to the attempts list; API calls with HTTP Basic (a sign-in per request) do not. */
    @EventListener
    void onInteractiveSignIn(InteractiveAuthenticationSuccessEvent event) {
        Authentication auth = event.getAuthentication();
        record(key(auth.getName()), source(ThrottledAuthenticationProvider.source(auth)), "signed_in");
    }

    // ON DUPLICATE KEY UPDATE assigns left to right: blocked_until sees the new failure count
    private void count(String user, String address) {
        int free = maxFailures;
        jdbc.update("INSERT INTO login_throttles (username, source, failures, last_failure_at, blocked_until)"
                        + " VALUES (?, ?, 1, UTC_TIMESTAMP(3), IF(1 >= ?, UTC_TIMESTAMP(3) + INTERVAL ? SECOND, NULL))"
                        + " ON DUPLICATE KEY UPDATE"
                        + " failures = IF(last_failure_at < UTC_TIMESTAMP(3) - INTERVAL ? HOUR, 1, failures + 1),"
                        + " blocked_until = IF(failures >= ?, UTC_TIMESTAMP(3)"
                        + "   + INTERVAL FLOOR(LEAST(?, ? * POW(2, LEAST(failures - ?, 30)))) SECOND, NULL),"
                        + " refused = IF(failures = 1, 0, refused),"
                        + " last_failure_at = UTC_TIMESTAMP(3)",
                user, address, free, firstDelaySeconds, forgetHours, free, maxDelaySeconds, firstDelaySeconds, free);
    }

    private void record(String user, String address, String outcome) {
        jdbc.update("INSERT INTO login_attempts (attempted_at, username, source, outcome) VALUES (UTC_TIMESTAMP(3), ?, ?, ?)",
                user, address, outcome);
    }

    @Scheduled(fixedDelayString = "${tillsync.login.cleanup-interval:1h}", initialDelayString = "${tillsync.login.cleanup-interval:1h}")
    void forgetOld() {
        jdbc.update("DELETE FROM login_throttles WHERE last_failure_at < UTC_TIMESTAMP(3) - INTERVAL ? HOUR"
                + " AND (blocked_until IS NULL OR blocked_until < UTC_TIMESTAMP(3))", forgetHours);
        jdbc.update("DELETE FROM login_attempts WHERE attempted_at < UTC_TIMESTAMP(3) - INTERVAL 90 DAY");
    }

    static String key(String username) {
        String user = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return user.length() > 100 ? user.substring(0, 100) : user;
    }

    /**
     * The address a guess comes from. IPv6 by its /64: one machine commonly holds a whole /64
     * and could otherwise take a fresh address for every few guesses.
     */
    static String source(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String a = address.strip();
        if (a.indexOf(':') >= 0 && a.matches("[0-9A-Fa-f:.%\\[\\]a-z]+")) {
            try {
                byte[] bytes = InetAddress.getByName(a.replaceAll("[\\[\\]]|%.*", "")).getAddress();
                if (bytes.length == 16) {
                    StringBuilder prefix = new StringBuilder();
                    for (int i = 0; i < 8; i += 2) {
                        prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                    }
                    return prefix.append(":/64").toString();
                }
            } catch (java.net.UnknownHostException e) {
                // not a literal address after all: keep it as given
            }
        }
        return a.length() > 64 ? a.substring(0, 64) : a;
    }
}
