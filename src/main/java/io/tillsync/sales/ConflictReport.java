package io.tillsync.sales;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import io.tillsync.conflicts.ItemKind;
import tools.jackson.databind.JsonNode;

/** A conflict as the device is told of it in the batch answer: both versions, the status and the advice. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConflictReport(
        String conflictId,
        String offlineId,
        String offlineReference,
        @JsonProperty("type") ItemKind itemType,
        String conflictType,
        String reason,
        String status,
        boolean autoResolved,
        String resolution,
        JsonNode localData,
        JsonNode serverData,
        String suggestedFix) {
}
