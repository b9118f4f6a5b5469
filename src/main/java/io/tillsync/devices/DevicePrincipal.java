package io.tillsync.devices;

/** The device a bearer token belongs to, as the sync API sees it. */
public record DevicePrincipal(long devicePk, String deviceId, long branchId, String branchCode, long merchantId,
                              String merchantCode) {
}
