package io.tillsync.devices.web;

import io.tillsync.base.ApiEnvelope;
import io.tillsync.base.Rejected;
import io.tillsync.devices.DeviceService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/pos/pair}: the one device endpoint without a token, so it is throttled per address. */
@RestController
class PairController {

    private final DeviceService devices;
    private final PairingThrottle throttle;

    PairController(DeviceService devices, PairingThrottle throttle) {
        this.devices = devices;
        this.throttle = throttle;
    }

    @PostMapping(path = "/api/v1/pos/pair", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiEnvelope> pair(@RequestBody JsonNode body, HttpServletRequest request) {
        long wait = throttle.acquire(request.getRemoteAddr());
        if (wait > 0) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(wait))
                    .body(ApiEnvelope.error(429, "rate_limited", "Too many pairing attempts from this address; retry after " + wait + " s", null));
        }
        JsonNode code = body == null || !body.isObject() ? null : body.get("pairing_code");
        if (code == null || !code.isString() || code.stringValue().isBlank()) {
            throw new Rejected(Rejected.Kind.INVALID, "validation_error", "pairing_code: required, the code shown in the back-office",
                    "pairing_code");
        }
        return ResponseEntity.ok(ApiEnvelope.ok(devices.pair(code.stringValue())));
    }
}
