package io.tillsync.devices;

import java.time.Instant;

/** An enrolled till as the registry knows it: who it is, where it belongs, and what its last syncs left behind. */
public record RegisteredDevice(long devicePk, String deviceId, long branchId, String name, boolean revoked, Instant createdAt,
                               Instant revokedAt, Instant lastSeenAt, Instant lastSyncAt, Instant lastSuccessAt,
                               Instant lastFailureAt, int consecutiveFailures, String appVersion, Integer queueDepth,
                               Long clockSkewMs) {

    public static final int DEVICE_ID_MAX = 64;
    public static final String DEVICE_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    public static final int NAME_MAX = 120;
}
