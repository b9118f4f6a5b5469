package io.tillsync.devices;

/** A device with its freshly issued token: the only time the token is ever visible. */
public record EnrolledDevice(String deviceId, String branchCode, String name, String token) {
}
