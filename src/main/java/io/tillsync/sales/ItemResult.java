package io.tillsync.sales;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.tillsync.base.WireFormat;

/**
 * The answer for one item, in request order. {@code conflict} is set when the item raised a
 * conflict (now or when it was first sent); its fields are written beside the others, as the
 * contract spells them.
 */
@WireFormat
@JsonPropertyOrder({"offline_id", "type", "success", "server_id", "transaction_code", "conflict_detected", "replayed",
        "conflict_id", "conflict_status", "auto_resolved", "resolution", "error"})
public record ItemResult(
        String offlineId,
        ItemKind type,
        boolean success,
        Long serverId,
        String transactionCode,
        boolean replayed,
        @JsonUnwrapped ConflictMark conflict,
        ItemError error) {

    /** The conflict of an item: its id, its status, and how a policy or a person settled it. */
    @WireFormat
    public record ConflictMark(
            String conflictId,
            String conflictStatus,
            Boolean autoResolved,
            String resolution) {
    }

    @JsonProperty
    public boolean conflictDetected() {
        return conflict != null;
    }

    public static ItemResult booked(ItemKind type, String offlineId, long serverId, String transactionCode) {
        return new ItemResult(offlineId, type, true, serverId, transactionCode, false, null, null);
    }

    public static ItemResult replayed(ItemKind type, String offlineId, long serverId, String transactionCode) {
        return new ItemResult(offlineId, type, true, serverId, transactionCode, true, null, null);
    }

    public static ItemResult failed(ItemKind type, String offlineId, ItemError error) {
        return new ItemResult(offlineId, type, false, null, null, false, null, error);
    }

    /** Booked plainly, with no conflict: such an answer can never change. */
    public boolean plainlyBooked() {
        return success && conflict == null && serverId != null;
    }

    public ItemResult asReplay() {
        return new ItemResult(offlineId, type, success, serverId, transactionCode, true, conflict, error);
    }

    /** Why an item was refused, with a stable machine-readable code and the field it is about. */
    public record ItemError(String code, String message, String field) {

        public static ItemError validation(String field, String message) {
            return new ItemError("validation_error", field + ": " + message, field);
        }

        public static ItemError internal() {
            return new ItemError("internal_error", "The server could not store this item; it is safe to send it again", null);
        }
    }
}
