package io.tillsync.sync;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tillsync.base.ApiEnvelope;
import io.tillsync.base.Rejected;
import io.tillsync.devices.DevicePrincipal;
import io.tillsync.sales.Resolutions.Actor;
import io.tillsync.sales.Resolutions;
import io.tillsync.sales.Resolutions.Strategy;
import io.tillsync.security.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class ResolveController {

    private final Resolutions resolutions;
    private final CurrentUser currentUser;

    ResolveController(Resolutions resolutions, CurrentUser currentUser) {
        this.resolutions = resolutions;
        this.currentUser = currentUser;
    }

    record ResolveRequest(@JsonProperty("strategy") String strategy, @JsonProperty("merged_data") JsonNode mergedData,
                          @JsonProperty("comment") String comment) {
    }

    @PostMapping(path = "/api/v1/pos/offline/conflicts/{conflictId}/resolve", produces = MediaType.APPLICATION_JSON_VALUE)
    ApiEnvelope resolve(@PathVariable String conflictId, @RequestBody ResolveRequest body, Authentication auth) {
        if (body == null) {
            throw new Rejected(Rejected.Kind.MALFORMED, "malformed_json", "A JSON body with strategy is required");
        }
        if (body.comment() != null && body.comment().length() > 500) {
            throw new Rejected(Rejected.Kind.INVALID, "validation_error", "comment: at most 500 characters", "comment");
        }
        Actor actor = auth.getPrincipal() instanceof DevicePrincipal d
                ? Actor.device(d.deviceId(), d.branchId())
                : currentUser.scope().map(u -> Actor.user(u.username(), u.userId(), u.branchIds()))
                .orElseThrow(() -> new Rejected(Rejected.Kind.FORBIDDEN, "forbidden", "Not allowed"));
        Strategy strategy = Strategy.fromWire(body.strategy()).orElseThrow(() -> new Rejected(Rejected.Kind.INVALID,
                "validation_error", "strategy: one of keep_server, keep_local, merge", "strategy"));
        return ApiEnvelope.ok(resolutions.resolve(conflictId, strategy, body.mergedData(), body.comment(), actor));
    }
}
