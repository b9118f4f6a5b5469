package io.tillsync.sync;

import io.tillsync.base.WireFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tillsync.devices.TillBranch;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What a pull returns: the catalog entries and conflict outcomes that changed, and where to continue. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Changes(
        boolean full,
        TillBranch branch,
        List<ProductChange> products,
        List<ConflictOutcome> conflicts,
        String cursor,
        boolean hasMore,
        String serverEpoch,
        @JsonInclude(JsonInclude.Include.NON_NULL) String resendSince) {

    @WireFormat
    public record ProductChange(
            long productId,
            String sku,
            String name,
            String unit,
            boolean active,
            BigDecimal price,
            String priceValidFrom,
            BigDecimal stockOnHand) {
    }

    @WireFormat
    public record ConflictOutcome(
            String conflictId,
            String offlineId,
            @JsonProperty("type") String itemType,
            String conflictType,
            String status,
            String resolution,
            String outcome,
            boolean autoResolved,
            Long serverId,
            String transactionCode,
            JsonNode finalData,
            String resolvedAt) {
    }
}
