package io.tillsync.sync;

import io.tillsync.sales.ConflictReport;
import io.tillsync.sales.ItemResult;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import java.util.List;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BatchSyncResponse(
        boolean success,
        int totalItems,
        int successCount,
        int failedCount,
        List<ItemResult> results,
        List<ConflictReport> conflicts,
        String syncedAt) {
}
