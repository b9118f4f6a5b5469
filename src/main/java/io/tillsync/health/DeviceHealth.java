package io.tillsync.health;

import java.time.Instant;

/** One till's sync health, as the device grid and the dashboard show it. */
public record DeviceHealth(long devicePk, String deviceId, String name, long branchId, String branchCode, String branchName,
                           int gapGraceMinutes, boolean revoked,
                           Instant lastSeenAt, Instant lastSuccessAt, Instant lastFailureAt, int consecutiveFailures,
                           String appVersion, Integer queueDepth, Long clockSkewMs, long openConflicts, long recentFailures,
                           long missingSales, HealthState state) {

    /** The branch as people know it: by its name, or by its code where it has none. */
    public String branchLabel() {
        return branchName == null || branchName.isBlank() ? branchCode : branchName;
    }
}
