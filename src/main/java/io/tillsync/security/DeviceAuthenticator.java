package io.tillsync.security;

import java.util.Optional;

/**
 * Finds the device a bearer token belongs to. The devices module keeps the tokens and implements
 * this, so the API filter chain asks for a device without depending on the devices module.
 */
public interface DeviceAuthenticator {

    /** The device whose current token this is; empty for an unknown, revoked or replaced token. */
    Optional<? extends DeviceIdentity> authenticate(String token);
}
