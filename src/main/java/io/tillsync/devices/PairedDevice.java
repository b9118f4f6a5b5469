package io.tillsync.devices;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a till learns when it pairs: who it is, its new token, and its branch as the pull describes it. */
public record PairedDevice(
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("branch_code") String branchCode,
        @JsonProperty("token") String token,
        @JsonProperty("branch") TillBranch branch) {
}
