package io.tillsync.devices;

import io.tillsync.security.DeviceIdentity;

/** The device a bearer token belongs to, as the sync API sees it. */
public record DevicePrincipal(long devicePk, String deviceId, long branchId, String branchCode, long merchantId,
                              String merchantCode) implements DeviceIdentity {
}
