package io.tillsync.devices;

import io.tillsync.base.Db;
import io.tillsync.base.Rejected;
import io.tillsync.catalog.Branch;
import io.tillsync.catalog.CatalogService;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.DeviceAuthenticator;
import io.tillsync.security.UserScope;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a till gets its token and loses it (enrollment, pairing by code, rotation, revocation), how
 * a token is checked, and the facts every request leaves behind.
 *
 * <p>Pairing by code: a manager asks for a code on the device's page, the cashier types it on the
 * till, and the till gets a fresh token and its branch settings in one answer. The code is never
 * stored or logged in the clear.
 */
@Service
public class DeviceService implements DeviceAuthenticator {

    static final Duration PAIRING_CODE_VALID_FOR = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(DeviceService.class);

    private final DeviceRepository devices;
    private final CatalogService catalog;
    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final Clock clock;

    DeviceService(DeviceRepository devices, CatalogService catalog, NamedParameterJdbcTemplate jdbc, CurrentUser currentUser,
                  Clock clock) {
        this.clock = clock;
        this.devices = devices;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public EnrolledDevice enroll(String deviceId, String branchCode, String name) {
        if (deviceId == null || !deviceId.matches(RegisteredDevice.DEVICE_ID_PATTERN)) {
            throw new Rejected(Rejected.Kind.INVALID, "validation_error",
                    "device_id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", "device_id")
                    .worded("refusal.deviceId.invalid", RegisteredDevice.DEVICE_ID_MAX);
        }
        if (name != null && name.length() > RegisteredDevice.NAME_MAX) {
            throw new Rejected(Rejected.Kind.INVALID, "validation_error", "name: at most 120 characters", "name")
                    .worded("refusal.name.tooLong", RegisteredDevice.NAME_MAX);
        }
        Branch branch = catalog.branchByCode(branchCode == null ? "" : branchCode).orElseThrow(() -> new Rejected(Refusal.UNKNOWN_BRANCH,
                "branch_code: no such branch", "branch_code").worded("refusal.branch.unknown"));
        if (devices.findByDeviceId(deviceId).isPresent()) {
            throw new Rejected(Refusal.DEVICE_EXISTS, "device_id: already enrolled; rotate its token instead", "device_id")
                    .worded("refusal.deviceId.taken", deviceId);
        }
        Instant now = clock.instant();
        Device device = new Device(deviceId, branch.id(), name == null || name.isBlank() ? deviceId : name.strip(), now);
        DeviceTokens.Issued token = DeviceTokens.issue();
        device.issueToken(token, now);
        devices.saveAndFlush(device);
        return new EnrolledDevice(deviceId, branch.code(), device.getName(), token.token());
    }

    /**
     * Stops a till syncing. A manager may revoke the tills of their own branches, as a lost till is
     * theirs to deal with at once; a till of another branch reads to them as an unknown one.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    @Transactional
    public RegisteredDevice revoke(String deviceId) {
        Device device = require(deviceId);
        if (!currentUser.require().mayAccess(device.getBranchId())) {
            throw unknown();
        }
        device.revoke(clock.instant());
        // a code issued before the revocation must not bring the device back
        jdbc.update("DELETE FROM device_pairing_codes WHERE device_pk = :d", Map.of("d", device.getId()));
        audit(device, "revoked", "user:" + currentUser.require().username());
        return device.toValue();
    }

    /** A new token; the old one stops working in the same commit. A revoked till only with {@code confirmRevoked}. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public EnrolledDevice rotate(String deviceId) {
        return rotate(deviceId, false);
    }

    /**
     * A new token. For a revoked till this makes it active again, so it must be asked for
     * ({@code confirmRevoked}); it is then recorded who did it.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public EnrolledDevice rotate(String deviceId, boolean confirmRevoked) {
        Device device = require(deviceId);
        if (device.getStatus() == Device.Status.REVOKED) {
            requireConfirmed(device, confirmRevoked);
            audit(device, "rotated_revoked", "user:" + currentUser.require().username());
        }
        DeviceTokens.Issued token = DeviceTokens.issue();
        device.issueToken(token, clock.instant());
        String branchCode = catalog.branch(device.getBranchId()).map(Branch::code).orElseThrow();
        return new EnrolledDevice(device.getDeviceId(), branchCode, device.getName(), token.token());
    }

    /**
     * A new code for the device, replacing any earlier one. An admin, or a manager of the device's
     * branch, to whom another branch's till is unknown; a revoked device is paired again only by an
     * admin, who is the one who revoked it.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    @Transactional
    public PairingCode issuePairingCode(String deviceId) {
        return issuePairingCode(deviceId, false);
    }

    /** A pairing code; for a revoked till (an admin only) it must be asked for with {@code confirmRevoked}, and is recorded. */
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    @Transactional
    public PairingCode issuePairingCode(String deviceId, boolean confirmRevoked) {
        UserScope scope = currentUser.require();
        // another branch's till reads exactly like an unknown one: a manager cannot probe which tills exist elsewhere
        Device device = devices.findByDeviceId(deviceId == null ? "" : deviceId).filter(d -> scope.mayAccess(d.getBranchId()))
                .orElseThrow(DeviceService::unknown);
        if (device.getStatus() == Device.Status.REVOKED && !scope.admin()) {
            throw new Rejected(Refusal.DEVICE_REVOKED, "This device is revoked; only an admin can pair it again", "device_id")
                    .worded("refusal.pairing.revoked");
        }
        if (device.getStatus() == Device.Status.REVOKED) {
            requireConfirmed(device, confirmRevoked);
            audit(device, "pairing_code_revoked", "user:" + scope.username());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = now.plus(PAIRING_CODE_VALID_FOR);
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
        String code = PairingCodes.normalize(typed).orElseThrow(DeviceService::invalidCode);
        String hash = PairingCodes.hash(code);
        Object now = Db.ts(clock.instant());
        List<Long> found = jdbc.queryForList("SELECT device_pk FROM device_pairing_codes WHERE code_hash = :h AND expires_at > :now",
                Map.of("h", hash, "now", now), Long.class);
        // the delete decides between two tills typing the same code at once: only one of them removes the row
        if (found.isEmpty() || jdbc.update("DELETE FROM device_pairing_codes WHERE device_pk = :d AND code_hash = :h AND expires_at > :now",
                Map.of("d", found.getFirst(), "h", hash, "now", now)) != 1) {
            throw invalidCode();
        }
        Device device = devices.findById(found.getFirst()).orElseThrow(DeviceService::invalidCode);
        if (device.getStatus() == Device.Status.REVOKED) {
            // the code was issued for a revoked till on purpose (an admin confirmed it): that it came back is recorded
            audit(device, "paired_revoked", "code:" + device.getDeviceId());
        }
        DeviceTokens.Issued token = DeviceTokens.issue();
        device.issueToken(token, clock.instant());
        TillBranch branch = TillBranch.of(catalog.branch(device.getBranchId()).orElseThrow());
        log.info("Device {} paired by code; its earlier tokens no longer work", device.getDeviceId());
        return new PairedDevice(device.getDeviceId(), branch.branchCode(), token.token(), branch);
    }

    /** Bringing a revoked till back is never a side effect: the caller says it means it. */
    private static void requireConfirmed(Device device, boolean confirmed) {
        if (!confirmed) {
            throw new Rejected(Refusal.DEVICE_REVOKED, "device_id: this till was revoked" + (device.getRevokedAt() == null
                    ? "" : " at " + device.getRevokedAt()) + "; send confirm_revoked=true to make it active again", "device_id")
                    .worded("refusal.device.revokedConfirm", device.getDeviceId());
        }
    }

    private void audit(Device device, String action, String actor) {
        jdbc.update("INSERT INTO device_audit (device_pk, action, actor, at) VALUES (:d, :a, :by, :at)",
                Map.of("d", device.getId(), "a", action, "by", actor.length() > 120 ? actor.substring(0, 120) : actor,
                        "at", Db.ts(clock.instant())));
        log.info("Device {}: {} by {}", device.getDeviceId(), action, actor);
    }

    private static Rejected invalidCode() {
        return new Rejected(Refusal.INVALID_PAIRING_CODE,
                "pairing_code: wrong, used or expired; ask the store manager for a new code", "pairing_code");
    }

    /**
     * What the signed-in user may do with a till, by the same rules the actions themselves check:
     * its branch's managers pair it and revoke it, only an admin pairs a revoked till again or gives
     * it a new token.
     */
    public Set<DeviceAction> allowedActions(long branchId, boolean revoked) {
        UserScope scope = currentUser.require();
        Set<DeviceAction> allowed = EnumSet.noneOf(DeviceAction.class);
        if (scope.mayAccess(branchId) && (scope.admin() || !revoked)) {
            allowed.add(DeviceAction.PAIR);
        }
        if (scope.admin() && !revoked) {
            allowed.add(DeviceAction.ROTATE);
        }
        // a lost till is its branch's manager's to stop at once, without waiting for an admin
        if (scope.mayAccess(branchId) && !revoked) {
            allowed.add(DeviceAction.REVOKE);
        }
        return allowed;
    }

    private Device require(String deviceId) {
        return devices.findByDeviceId(deviceId).orElseThrow(DeviceService::unknown);
    }

    private static Rejected unknown() {
        return new Rejected(Refusal.UNKNOWN_DEVICE, "No device with that device_id", "device_id");
    }

    /**
     * The device behind a bearer token, if the token is current. One indexed lookup, no cache:
     * revocation is immediate. No transaction around it: one read needs none.
     */
    @Override
    public Optional<DevicePrincipal> authenticate(String token) {
        if (!DeviceTokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return principal("d.token_hash = :hash AND d.status = 'ACTIVE'", Map.of("hash", DeviceTokens.hash(token)));
    }

    private Optional<DevicePrincipal> principal(String where, Map<String, Object> params) {
        record Row(long pk, String deviceId, long branchId) {
        }
        return jdbc.query("SELECT d.id, d.device_id, d.branch_id FROM devices d WHERE " + where, params,
                        (rs, i) -> new Row(rs.getLong("id"), rs.getString("device_id"), rs.getLong("branch_id"))).stream().findFirst()
                .map(r -> {
                    CatalogService.BranchCodes codes = catalog.codes(r.branchId());
                    return new DevicePrincipal(r.pk(), r.deviceId(), r.branchId(), codes.branchCode(), codes.merchantId(),
                            codes.merchantCode());
                });
    }

    /** A device's internal key by its device id. */
    public Optional<Long> pkOf(String deviceId) {
        return jdbc.query("SELECT id FROM devices WHERE device_id = :d", Map.of("d", deviceId), (rs, i) -> rs.getLong("id"))
                .stream().findFirst();
    }

    /** The names of these devices as enrolled, by device id; a device without a name is left out. */
    public Map<String, String> names(Collection<String> deviceIds) {
        Map<String, String> names = new java.util.HashMap<>();
        if (!deviceIds.isEmpty()) {
            jdbc.query("SELECT device_id, name FROM devices WHERE device_id IN (:d) AND name IS NOT NULL",
                    Map.of("d", deviceIds), rs -> {
                        names.put(rs.getString("device_id"), rs.getString("name"));
                    });
        }
        return names;
    }

    /** When each active device last synced, for the monitoring gauges. */
    public Map<String, Instant> lastSyncTimes() {
        Map<String, Instant> result = new java.util.HashMap<>();
        jdbc.query("SELECT device_id, last_sync_at FROM devices WHERE status = 'ACTIVE' AND last_sync_at IS NOT NULL",
                rs -> {
                    result.put(rs.getString("device_id"), Db.instant(rs, "last_sync_at"));
                });
        return result;
    }

    /** Remembers which offline_reference numbers arrived; a replay inserts nothing new. */
    public void recordSequenceNumbers(long devicePk, Collection<SequenceNumber> numbers, Instant receivedAt) {
        if (numbers.isEmpty()) {
            return;
        }
        Object at = io.tillsync.base.Db.ts(receivedAt);
        jdbc.batchUpdate("INSERT IGNORE INTO device_sequence_numbers (device_pk, seq_day, seq_no, received_at) VALUES (:d, :day, :seq, :at)",
                numbers.stream().distinct().map(n -> new MapSqlParameterSource().addValue("d", devicePk)
                        .addValue("day", Date.valueOf(n.day())).addValue("seq", n.seq()).addValue("at", at))
                        .toArray(MapSqlParameterSource[]::new));
    }

    @Transactional(readOnly = true)
    public Optional<RegisteredDevice> find(String deviceId) {
        return devices.findByDeviceId(deviceId).map(Device::toValue);
    }

    /** Why a request about a till was refused. */
    public enum Refusal implements Rejected.Reason {
        UNKNOWN_DEVICE, UNKNOWN_BRANCH, DEVICE_EXISTS, DEVICE_REVOKED, INVALID_PAIRING_CODE;

        @Override
        public Rejected.Kind kind() {
            return switch (this) {
                case UNKNOWN_DEVICE -> Rejected.Kind.NOT_FOUND;
                case UNKNOWN_BRANCH -> Rejected.Kind.INVALID;
                case DEVICE_EXISTS, DEVICE_REVOKED -> Rejected.Kind.CONFLICT;
                case INVALID_PAIRING_CODE -> Rejected.Kind.MALFORMED;
            };
        }
    }
}
