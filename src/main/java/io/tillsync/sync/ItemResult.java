package io.tillsync.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tillsync.sales.ItemError;

/** One result per item, in request order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemResult(
        @JsonProperty("offline_id") String offlineId,
        @JsonProperty("type") String type,
        @JsonProperty("success") boolean success,
        @JsonProperty("server_id") Long serverId,
        @JsonProperty("transaction_code") String transactionCode,
        @JsonProperty("conflict_detected") boolean conflictDetected,
        @JsonProperty("replayed") boolean replayed,
        @JsonProperty("conflict_id") String conflictId,
        @JsonProperty("conflict_status") String conflictStatus,
        @JsonProperty("auto_resolved") Boolean autoResolved,
        @JsonProperty("resolution") String resolution,
        @JsonProperty("error") ItemError error) {

    static ItemResult booked(String offlineId, String type, long serverId, String code) {
        return new ItemResult(offlineId, type, true, serverId, code, false, false, null, null, null, null, null);
    }

    static ItemResult failed(String offlineId, String type, ItemError error) {
        return new ItemResult(offlineId, type, false, null, null, false, false, null, null, null, null, error);
    }

    ItemResult asReplay() {
        return new ItemResult(offlineId, type, success, serverId, transactionCode, conflictDetected, true, conflictId,
                conflictStatus, autoResolved, resolution, error);
    }
}
