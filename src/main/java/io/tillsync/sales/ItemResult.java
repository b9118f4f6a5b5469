package io.tillsync.sales;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.tillsync.conflicts.ItemKind;

/**
 * The answer for one item, in request order. {@code conflict} is set when the item raised a
 * conflict (now or when it was first sent); its fields are written beside the others, as the
 * contract spells them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"offline_id", "type", "success", "server_id", "transaction_code", "conflict_detected", "replayed",
        "conflict_id", "conflict_status", "auto_resolved", "resolution", "error"})
public record ItemResult(
        @JsonProperty("offline_id") String offlineId,
        @JsonProperty("type") ItemKind type,
        @JsonProperty("success") boolean success,
        @JsonProperty("server_id") Long serverId,
        @JsonProperty("transaction_code") String transactionCode,
        @JsonProperty("replayed") boolean replayed,
        @JsonUnwrapped ConflictMark conflict,
        @JsonProperty("error") ItemError error) {

    /** The conflict of an item: its id, its status, and how a policy or a person settled it. */
    public record ConflictMark(
            @JsonProperty("conflict_id") String conflictId,
            @JsonProperty("conflict_status") String status,
            @JsonProperty("auto_resolved") Boolean autoResolved,
            @JsonProperty("resolution") String resolution) {
    }

    @JsonProperty("conflict_detected")
    public boolean conflictDetected() {
        return conflict != null;
    }

    static ItemResult booked(ItemKind type, String offlineId, long serverId, String transactionCode) {
        return new ItemResult(offlineId, type, true, serverId, transactionCode, false, null, null);
    }

    static ItemResult replayed(ItemKind type, String offlineId, long serverId, String transactionCode) {
        return new ItemResult(offlineId, type, true, serverId, transactionCode, true, null, null);
    }

    static ItemResult failed(ItemKind type, String offlineId, ItemError error) {
        return new ItemResult(offlineId, type, false, null, null, false, null, error);
    }

    /** Booked plainly, with no conflict: such an answer can never change. */
    public boolean plainlyBooked() {
        return success && conflict == null && serverId != null;
    }

    public ItemResult asReplay() {
        return new ItemResult(offlineId, type, success, serverId, transactionCode, true, conflict, error);
    }
}
