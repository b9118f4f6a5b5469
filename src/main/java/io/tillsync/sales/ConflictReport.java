package io.tillsync.sales;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tillsync.conflicts.ItemKind;
import tools.jackson.databind.JsonNode;

/** A conflict as the device is told of it in the batch answer: both versions, the status and the advice. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConflictReport(
        @JsonProperty("conflict_id") String conflictId,
        @JsonProperty("offline_id") String offlineId,
        @JsonProperty("offline_reference") String offlineReference,
        @JsonProperty("type") ItemKind itemType,
        @JsonProperty("conflict_type") String conflictType,
        @JsonProperty("reason") String reason,
        @JsonProperty("status") String status,
        @JsonProperty("auto_resolved") boolean autoResolved,
        @JsonProperty("resolution") String resolution,
        @JsonProperty("local_data") JsonNode localData,
        @JsonProperty("server_data") JsonNode serverData,
        @JsonProperty("suggested_fix") String suggestedFix) {
}
