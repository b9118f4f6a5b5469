package io.tillsync.security;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Guessing with many addresses or many usernames. {@link LoginThrottle} holds back one address
 * guessing one user's password; an attacker with forty addresses, or one address trying twelve
 * usernames, passes under it. Here wrong passwords are also counted per user over all addresses
 * and per address over all usernames, and past a limit the guesser waits, longer after each
 * further wrong one.
 *
 * <p>Neither count holds back an address the user has signed in from before (kept for
 * {@code known-for}): the owner at the shop or at home is never kept out by someone guessing from
 * elsewhere, and from a new address waits at most {@code max-user-delay}. The address count leaves
 * a shop's managers alone the same way: each of them has signed in from there.
 *
 * <p>The server's own loopback address is not counted over all usernames: tools on the machine, or a
 * proxy beside it left out of {@code tillsync.http.trusted-proxies}, would hold back everyone's new
 * sign-ins at once.
 *
 * <p>Shared by all nodes in the database, each row changed by one atomic statement, like the
 * count per user and address.
 */
@Component
class WideLoginThrottle {

    static final String USER = "user";
    static final String SOURCE = "source";
    // IPv6 addresses are counted by their /64 (LoginThrottle.source): ::1 is 0:0:0:0::/64
    private static final java.util.Set<String> LOCAL = java.util.Set.of("127.0.0.1", LoginThrottle.source("::1"));

    private final JdbcTemplate jdbc;
    private final LoginSettings.Wide limits;

    WideLoginThrottle(JdbcTemplate jdbc, LoginSettings settings) {
        this.jdbc = jdbc;
        this.limits = settings.wide();
    }

    /** How long this address must wait before a password for this user is checked; zero when it may try now. */
    Duration waitFor(String user, String source) {
        if (known(user, source)) {
            return Duration.ZERO;
        }
        Long micros = jdbc.queryForObject("SELECT TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), MAX(blocked_until))"
                + " FROM login_wide_throttles WHERE ((scope = ? AND subject = ?) OR (scope = ? AND subject = ?))"
                + " AND blocked_until > UTC_TIMESTAMP(3)", Long.class, USER, user, SOURCE, source);
        return micros == null || micros <= 0 ? Duration.ZERO : Duration.ofNanos(micros * 1000);
    }

    void refused(String user, String source) {
        jdbc.update("UPDATE login_wide_throttles SET refused = refused + 1 WHERE ((scope = ? AND subject = ?)"
                + " OR (scope = ? AND subject = ?)) AND blocked_until > UTC_TIMESTAMP(3)", USER, user, SOURCE, source);
    }

    void failed(String user, String source) {
        count(USER, user, limits.userFailures(), limits.maxUserDelay());
        // the server's own machine (tools on it, or a proxy beside it that is not in the trusted list, through which
        // everyone seems to come from here) is not held back for all usernames at once
        if (!LOCAL.contains(source)) {
            count(SOURCE, source, limits.sourceFailures(), limits.maxSourceDelay());
        }
    }

    /** A right password: this address is the user's from now on. The counts stay: they are the guessers'. */
    void succeeded(String user, String source) {
        jdbc.update("INSERT INTO login_known_sources (username, source, last_signed_in_at) VALUES (?, ?, UTC_TIMESTAMP(3))"
                + " ON DUPLICATE KEY UPDATE last_signed_in_at = UTC_TIMESTAMP(3)", user, source);
    }

    private boolean known(String user, String source) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM login_known_sources WHERE username = ?"
                + " AND source = ? AND last_signed_in_at > UTC_TIMESTAMP(3) - INTERVAL ? SECOND)", Boolean.class,
                user, source, limits.knownFor().toSeconds()));
    }

    // ON DUPLICATE KEY UPDATE assigns left to right: blocked_until sees the new failure count
    private void count(String scope, String subject, int free, Duration maxDelay) {
        long first = Math.max(1, limits.firstDelay().toSeconds());
        jdbc.update("INSERT INTO login_wide_throttles (scope, subject, failures, last_failure_at, blocked_until)"
                        + " VALUES (?, ?, 1, UTC_TIMESTAMP(3), IF(1 >= ?, UTC_TIMESTAMP(3) + INTERVAL ? SECOND, NULL))"
                        + " ON DUPLICATE KEY UPDATE"
                        + " failures = IF(last_failure_at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND, 1, failures + 1),"
                        + " blocked_until = IF(failures >= ?, UTC_TIMESTAMP(3)"
                        + "   + INTERVAL FLOOR(LEAST(?, ? * POW(2, LEAST(failures - ?, 30)))) SECOND, NULL),"
                        + " refused = IF(failures = 1, 0, refused),"
                        + " last_failure_at = UTC_TIMESTAMP(3)",
                scope, subject, free, first, limits.window().toSeconds(), free, Math.max(first, maxDelay.toSeconds()), first, free);
    }

    @Scheduled(fixedDelayString = "${tillsync.login.cleanup-interval:1h}", initialDelayString = "${tillsync.login.cleanup-interval:1h}")
    void forgetOld() {
        jdbc.update("DELETE FROM login_wide_throttles WHERE last_failure_at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND"
                + " AND (blocked_until IS NULL OR blocked_until < UTC_TIMESTAMP(3))", limits.window().toSeconds());
        jdbc.update("DELETE FROM login_known_sources WHERE last_signed_in_at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND",
                limits.knownFor().toSeconds());
    }
}
