package io.tillsync.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in throttling ({@code tillsync.login.*}): per user and address, after {@code maxFailures}
 * wrong passwords that address waits {@code firstDelaySeconds}, doubling with each further wrong
 * one, at most {@code lockMinutes}; counts are forgotten after {@code forgetHours} without a failure.
 *
 * @param wide limits over many addresses or many usernames
 */
@ConfigurationProperties("tillsync.login")
record LoginSettings(@DefaultValue("5") int maxFailures, @DefaultValue("30") long firstDelaySeconds, @DefaultValue("15") long lockMinutes,
                     @DefaultValue("24") int forgetHours, @DefaultValue Wide wide) {

    /**
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
    record Wide(@DefaultValue("10") int userFailures, @DefaultValue("10") int sourceFailures, @DefaultValue("10s") Duration firstDelay,
                @DefaultValue("5m") Duration maxUserDelay, @DefaultValue("15m") Duration maxSourceDelay,
                @DefaultValue("15m") Duration window, @DefaultValue("90d") Duration knownFor) {
    }
}
