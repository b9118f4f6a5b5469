package io.tillsync.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What a pull returns: the catalog entries and conflict outcomes that changed, and where to continue. */
public record Changes(
        @JsonProperty("full") boolean full,
        @JsonProperty("branch") BranchInfo branch,
        @JsonProperty("products") List<ProductChange> products,
        @JsonProperty("conflicts") List<ConflictOutcome> conflicts,
        @JsonProperty("cursor") String cursor,
        @JsonProperty("has_more") boolean hasMore) {

    /** The device's branch, the rule a till computes tax with, and what its receipts print. */
    public record BranchInfo(
            @JsonProperty("branch_code") String branchCode,
            @JsonProperty("name") String name,
            @JsonProperty("merchant_code") String merchantCode,
            @JsonProperty("tax_rate") BigDecimal taxRate,
            @JsonProperty("prices_include_tax") boolean pricesIncludeTax,
            @JsonProperty("merchant_name") String merchantName,
            @JsonProperty("address") String address) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProductChange(
            @JsonProperty("product_id") long productId,
            @JsonProperty("sku") String sku,
            @JsonProperty("name") String name,
            @JsonProperty("unit") String unit,
            @JsonProperty("active") boolean active,
            @JsonProperty("price") BigDecimal price,
            @JsonProperty("price_valid_from") String priceValidFrom,
            @JsonProperty("stock_on_hand") BigDecimal stockOnHand) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConflictOutcome(
            @JsonProperty("conflict_id") String conflictId,
            @JsonProperty("offline_id") String offlineId,
            @JsonProperty("type") String itemType,
            @JsonProperty("conflict_type") String conflictType,
            @JsonProperty("status") String status,
            @JsonProperty("resolution") String resolution,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("auto_resolved") boolean autoResolved,
            @JsonProperty("server_id") Long serverId,
            @JsonProperty("transaction_code") String transactionCode,
            @JsonProperty("final_data") JsonNode finalData,
            @JsonProperty("resolved_at") String resolvedAt) {
    }
}
