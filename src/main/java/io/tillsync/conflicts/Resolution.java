package io.tillsync.conflicts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resolution(
        @JsonProperty("conflict_id") String conflictId,
        @JsonProperty("status") String status,
        @JsonProperty("strategy") String strategy,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("server_id") Long serverId,
        @JsonProperty("transaction_code") String transactionCode,
        @JsonProperty("message") String message) {
}
