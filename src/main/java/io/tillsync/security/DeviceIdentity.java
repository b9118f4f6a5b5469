package io.tillsync.security;

/** What the API filter chain needs of a device; the object itself becomes the request's principal. */
public interface DeviceIdentity {

    long devicePk();

    String deviceId();
}
