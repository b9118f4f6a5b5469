package io.tillsync.devices;

import java.time.Instant;

/**
 * A pairing code as issued: the only moment it exists in the clear.
 *
 * @param code grouped 4-4, as a person reads it ({@code K7QM-4XPT})
 */
public record PairingCode(String deviceId, String code, Instant expiresAt) {
}
