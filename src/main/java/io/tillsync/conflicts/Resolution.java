package io.tillsync.conflicts;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Resolution(
        String conflictId,
        String status,
        String strategy,
        String outcome,
        Long serverId,
        String transactionCode,
        String message) {
}
