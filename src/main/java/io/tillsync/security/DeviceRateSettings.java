package io.tillsync.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests per device ({@code tillsync.sync.rate-limit.*}): a token bucket refilled at
 * {@code perSecond}, holding at most {@code burst}, shared by all nodes through the database.
 */
@ConfigurationProperties("tillsync.sync.rate-limit")
record DeviceRateSettings(@DefaultValue("true") boolean enabled, @DefaultValue("20") double perSecond, @DefaultValue("40") double burst) {
}
