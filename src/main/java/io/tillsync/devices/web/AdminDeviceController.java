package io.tillsync.devices.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tillsync.base.ApiEnvelope;
import io.tillsync.base.Rejected;
import io.tillsync.devices.DeviceService;
import io.tillsync.devices.EnrolledDevice;
import io.tillsync.devices.PairingCode;
import io.tillsync.devices.RegisteredDevice;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Provisioning for admins over HTTP Basic. Tokens and pairing codes appear in these answers only. */
@RestController
class AdminDeviceController {

    private final DeviceService devices;

    AdminDeviceController(DeviceService devices) {
        this.devices = devices;
    }

    record EnrollRequest(@JsonProperty("device_id") String deviceId, @JsonProperty("branch_code") String branchCode,
                         @JsonProperty("name") String name) {
    }

    @PostMapping(path = "/api/v1/admin/devices", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiEnvelope> enroll(@RequestBody EnrollRequest body) {
        if (body == null) {
            throw new Rejected(Rejected.Kind.MALFORMED, "malformed_json", "A JSON body is required");
        }
        EnrolledDevice d = devices.enroll(body.deviceId(), body.branchCode(), body.name());
        return ResponseEntity.status(HttpStatus.CREATED).body(ApiEnvelope.of(201, tokenAnswer(d)));
    }

    @PostMapping(path = "/api/v1/admin/devices/{deviceId}/revoke", produces = MediaType.APPLICATION_JSON_VALUE)
    ApiEnvelope revoke(@PathVariable String deviceId) {
        RegisteredDevice d = devices.revoke(deviceId);
        return ApiEnvelope.ok(Map.of("device_id", d.deviceId(), "status", "revoked"));
    }

    /** A revoked till gets a new token only with {@code ?confirm_revoked=true}: otherwise 409 {@code device_revoked}. */
    @PostMapping(path = "/api/v1/admin/devices/{deviceId}/rotate", produces = MediaType.APPLICATION_JSON_VALUE)
    ApiEnvelope rotate(@PathVariable String deviceId,
                       @RequestParam(name = "confirm_revoked", required = false, defaultValue = "false") boolean confirmRevoked) {
        return ApiEnvelope.ok(tokenAnswer(devices.rotate(deviceId, confirmRevoked)));
    }

    /** A code the till is paired with instead of a token: shown this once, valid 10 minutes, used once. */
    @PostMapping(path = "/api/v1/admin/devices/{deviceId}/pairing-code", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiEnvelope> pairingCode(@PathVariable String deviceId,
                                            @RequestParam(name = "confirm_revoked", required = false, defaultValue = "false") boolean confirmRevoked) {
        PairingCode code = devices.issuePairingCode(deviceId, confirmRevoked);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pairing_code", code.code());
        data.put("expires_at", code.expiresAt().toString());
        return ResponseEntity.status(HttpStatus.CREATED).body(ApiEnvelope.of(201, data));
    }

    private static Map<String, Object> tokenAnswer(EnrolledDevice d) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("device_id", d.deviceId());
        data.put("branch_code", d.branchCode());
        data.put("name", d.name());
        data.put("token", d.token());
        return data;
    }
}
