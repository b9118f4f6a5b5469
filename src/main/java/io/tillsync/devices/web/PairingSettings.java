package io.tillsync.devices.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Guessing pairing codes ({@code tillsync.pairing.*}): tries a minute from one address, and from
 * all addresses together.
 */
@ConfigurationProperties("tillsync.pairing")
record PairingSettings(@DefaultValue("10") int maxTriesPerMinute, @DefaultValue("60") int maxTriesPerMinuteOverall) {
}
