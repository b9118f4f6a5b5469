package io.tillsync.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/** A conflict as the device is told of it in the batch answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConflictReport(
        @JsonProperty("conflict_id") String conflictId,
        @JsonProperty("offline_id") String offlineId,
        @JsonProperty("offline_reference") String offlineReference,
        @JsonProperty("type") String itemType,
        @JsonProperty("conflict_type") String conflictType,
        @JsonProperty("reason") String reason,
        @JsonProperty("status") String status,
        @JsonProperty("auto_resolved") boolean autoResolved,
        @JsonProperty("resolution") String resolution,
        @JsonProperty("local_data") JsonNode localData,
        @JsonProperty("server_data") JsonNode serverData,
        @JsonProperty("suggested_fix") String suggestedFix) {
}
