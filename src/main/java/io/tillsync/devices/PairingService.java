package io.tillsync.devices;

import io.tillsync.base.ApiException;
import io.tillsync.base.Db;
import io.tillsync.catalog.CatalogService;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserScope;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pairing by code: a manager asks for a code on the device's page, the cashier types it on the
 * till, and the till gets a fresh token and its branch settings in one answer. The code is never
 * stored or logged in the clear.
 */
@Service
public class PairingService {

    static final Duration VALID_FOR = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(PairingService.class);

    private final DeviceRepository devices;
    private final CatalogService catalog;
    private final CurrentUser currentUser;
    private final NamedParameterJdbcTemplate jdbc;

    PairingService(DeviceRepository devices, CatalogService catalog, CurrentUser currentUser, NamedParameterJdbcTemplate jdbc) {
        this.devices = devices;
        this.catalog = catalog;
        this.currentUser = currentUser;
        this.jdbc = jdbc;
    }

    /**
     * A new code for the device, replacing any earlier one. An admin, or a manager of the device's
     * branch, to whom another branch's till is unknown; a revoked device is paired again only by an
     * admin, who is the one who revoked it.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    @Transactional
    public PairingCode issue(String deviceId) {
        UserScope scope = currentUser.require();
        // another branch's till reads exactly like an unknown one: a manager cannot probe which tills exist elsewhere
        Device device = devices.findByDeviceId(deviceId == null ? "" : deviceId).filter(d -> scope.mayAccess(d.getBranchId()))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown_device", "No device with that device_id", "device_id"));
        if (device.getStatus() == Device.Status.REVOKED && !scope.admin()) {
            throw new ApiException(HttpStatus.CONFLICT, "device_revoked", "This device is revoked; only an admin can pair it again", "device_id")
                    .worded("refusal.pairing.revoked");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = now.plus(VALID_FOR);
        for (int attempt = 0; ; attempt++) {
            String code = PairingCodes.issue();
            String hash = PairingCodes.hash(code);
            jdbc.update("DELETE FROM device_pairing_codes WHERE expires_at < :now", Map.of("now", Db.ts(now)));
            jdbc.update("""
                    INSERT INTO device_pairing_codes (device_pk, code_hash, issued_by, issued_at, expires_at)
                    VALUES (:d, :h, :by, :at, :exp)
                    ON DUPLICATE KEY UPDATE code_hash = VALUES(code_hash), issued_by = VALUES(issued_by),
                      issued_at = VALUES(issued_at), expires_at = VALUES(expires_at)""",
                    Map.of("d", device.getId(), "h", hash, "by", scope.username(), "at", Db.ts(now), "exp", Db.ts(expires)));
            // the upsert also fires on the hash's own unique key: a code equal to another device's live one
            // must not touch that row, so it counts only if the hash now names this device
            List<Long> owner = jdbc.queryForList("SELECT device_pk FROM device_pairing_codes WHERE code_hash = :h",
                    Map.of("h", hash), Long.class);
            if (owner.equals(List.of(device.getId()))) {
                log.info("Pairing code issued for device {} by {}, valid until {}", device.getDeviceId(), scope.username(), expires);
                return new PairingCode(device.getDeviceId(), PairingCodes.grouped(code), expires);
            }
            if (attempt >= 3) {
                throw new IllegalStateException("No free pairing code after several tries");
            }
        }
    }

    /**
     * Pairs the till that typed a live code: the code is used up, the device gets a new token and
     * every older token of it stops working, in one commit. A wrong, used and expired code get the
     * same answer, so the answer tells a guesser nothing.
     */
    @Transactional
    public PairedDevice pair(String typed) {
        String code = PairingCodes.normalize(typed).orElseThrow(PairingService::invalid);
        String hash = PairingCodes.hash(code);
        Object now = Db.ts(Instant.now());
        List<Long> found = jdbc.queryForList("SELECT device_pk FROM device_pairing_codes WHERE code_hash = :h AND expires_at > :now",
                Map.of("h", hash, "now", now), Long.class);
        // the delete decides between two tills typing the same code at once: only one of them removes the row
        if (found.isEmpty() || jdbc.update("DELETE FROM device_pairing_codes WHERE device_pk = :d AND code_hash = :h AND expires_at > :now",
                Map.of("d", found.getFirst(), "h", hash, "now", now)) != 1) {
            throw invalid();
        }
        Device device = devices.findById(found.getFirst()).orElseThrow(PairingService::invalid);
        DeviceTokens.Issued token = DeviceTokens.issue();
        device.issueToken(token);
        TillBranch branch = TillBranch.of(catalog.branch(device.getBranchId()).orElseThrow());
        log.info("Device {} paired by code; its earlier tokens no longer work", device.getDeviceId());
        return new PairedDevice(device.getDeviceId(), branch.branchCode(), token.token(), branch);
    }

    private static ApiException invalid() {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_pairing_code",
                "pairing_code: wrong, used or expired; ask the store manager for a new code", "pairing_code");
    }
}
