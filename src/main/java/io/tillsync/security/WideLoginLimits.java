package io.tillsync.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in limits over many addresses or many usernames, beside the one per user and address
 * ({@code tillsync.login.max-failures}).
 *
 * @param userFailures   wrong passwords for one user, from all addresses together, before addresses
 *                       the user has never signed in from must wait
 * @param sourceFailures wrong passwords from one address, for all usernames together, before that
 *                       address must wait for usernames it has never signed in as
 * @param firstDelay     the first wait; each further wrong password doubles it
 * @param maxUserDelay   the longest a user's unknown addresses wait: a delay, never a lock-out
 * @param maxSourceDelay the longest an address waits
 * @param window         counts start again after this long without a wrong password
 * @param knownFor       an address a user signed in from stays known this long
 */
@ConfigurationProperties("tillsync.login.wide")
public record WideLoginLimits(int userFailures, int sourceFailures, Duration firstDelay, Duration maxUserDelay,
                              Duration maxSourceDelay, Duration window, Duration knownFor) {

    public WideLoginLimits {
        userFailures = userFailures <= 0 ? 10 : userFailures;
        sourceFailures = sourceFailures <= 0 ? 10 : sourceFailures;
        firstDelay = firstDelay == null ? Duration.ofSeconds(10) : firstDelay;
        maxUserDelay = maxUserDelay == null ? Duration.ofMinutes(5) : maxUserDelay;
        maxSourceDelay = maxSourceDelay == null ? Duration.ofMinutes(15) : maxSourceDelay;
        window = window == null ? Duration.ofMinutes(15) : window;
        knownFor = knownFor == null ? Duration.ofDays(90) : knownFor;
    }
}
