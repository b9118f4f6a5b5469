package io.tillsync.sync;

import io.tillsync.base.ApiEnvelope;
import io.tillsync.devices.DevicePrincipal;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ChangesController {

    private final ChangesService changes;

    ChangesController(ChangesService changes) {
        this.changes = changes;
    }

    @GetMapping(path = "/api/v1/pos/offline/changes", produces = MediaType.APPLICATION_JSON_VALUE)
    ApiEnvelope changes(@AuthenticationPrincipal DevicePrincipal device,
                        @RequestParam(name = "since", required = false) String since,
                        @RequestParam(name = "limit", required = false, defaultValue = "500") int limit) {
        return ApiEnvelope.ok(changes.since(device, since, limit));
    }
}
