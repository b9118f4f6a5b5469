package io.tillsync.sales;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tillsync.base.WireFormat;
import tools.jackson.databind.JsonNode;

/** A conflict as the device is told of it in the batch answer: both versions, the status and the advice. */
@WireFormat
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
