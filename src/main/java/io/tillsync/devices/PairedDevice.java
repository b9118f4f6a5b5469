package io.tillsync.devices;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** What a till learns when it pairs: who it is, its new token, and its branch as the pull describes it. */
public record PairedDevice(
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("branch_code") String branchCode,
        @JsonProperty("token") String token,
        @JsonProperty("branch") Branch branch) {

    /** The same fields, in the same order, as the branch section of {@code GET /api/v1/pos/offline/changes}. */
    public record Branch(
            @JsonProperty("branch_code") String branchCode,
            @JsonProperty("name") String name,
            @JsonProperty("merchant_code") String merchantCode,
            @JsonProperty("tax_rate") BigDecimal taxRate,
            @JsonProperty("prices_include_tax") boolean pricesIncludeTax,
            @JsonProperty("merchant_name") String merchantName,
            @JsonProperty("address") String address) {
    }
}
