package io.tillsync.sync;

import io.tillsync.sales.ConflictReport;
import io.tillsync.sales.ItemResult;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

public record BatchSyncResponse(
        @JsonProperty("success") boolean success,
        @JsonProperty("total_items") int totalItems,
        @JsonProperty("success_count") int successCount,
        @JsonProperty("failed_count") int failedCount,
        @JsonProperty("results") List<ItemResult> results,
        @JsonProperty("conflicts") List<ConflictReport> conflicts,
        @JsonProperty("synced_at") String syncedAt) {
}
