package io.tillsync.sync;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tillsync.base.ApiEnvelope;
import io.tillsync.base.ApiException;
import io.tillsync.conflicts.Actor;
import io.tillsync.conflicts.ConflictResolver;
import io.tillsync.devices.DevicePrincipal;
import io.tillsync.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
record ResolveController(ConflictResolver resolutions, CurrentUser currentUser) {

    record ResolveRequest(@JsonProperty("strategy") String strategy, @JsonProperty("merged_data") JsonNode mergedData,
                          @JsonProperty("comment") String comment) {
    }

    @PostMapping(path = "/api/v1/pos/offline/conflicts/{conflictId}/resolve", produces = MediaType.APPLICATION_JSON_VALUE)
    ApiEnvelope resolve(@PathVariable String conflictId, @RequestBody ResolveRequest body, Authentication auth) {
        if (body == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", "A JSON body with strategy is required");
        }
        if (body.comment() != null && body.comment().length() > 500) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_error", "comment: at most 500 characters", "comment");
        }
        Actor actor = auth.getPrincipal() instanceof DevicePrincipal d
                ? Actor.device(d.deviceId(), d.branchId())
                : currentUser.scope().map(u -> Actor.user(u.username(), u.userId(), u.branchIds()))
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Not allowed"));
        return ApiEnvelope.ok(resolutions.resolve(conflictId, body.strategy(), body.mergedData(), body.comment(), actor));
    }
}
