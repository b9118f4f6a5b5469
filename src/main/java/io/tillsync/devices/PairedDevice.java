package io.tillsync.devices;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** What a till learns when it pairs: who it is, its new token, and its branch as the pull describes it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PairedDevice(
        String deviceId,
        String branchCode,
        String token,
        TillBranch branch) {
}
