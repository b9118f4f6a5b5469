package io.tillsync.devices;

import io.tillsync.base.ApiException;
import io.tillsync.catalog.Branch;
import io.tillsync.catalog.CatalogService;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.DeviceAuthenticator;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Enrollment, tokens and the sync-health facts every request leaves behind. */
@Service
public class DeviceService implements DeviceAuthenticator {

    private final DeviceRepository devices;
    private final CatalogService catalog;
    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentUser currentUser;

    DeviceService(DeviceRepository devices, CatalogService catalog, NamedParameterJdbcTemplate jdbc, CurrentUser currentUser) {
        this.devices = devices;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public EnrolledDevice enroll(String deviceId, String branchCode, String name) {
        if (deviceId == null || !deviceId.matches(Device.DEVICE_ID_PATTERN)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_error",
                    "device_id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", "device_id")
                    .worded("refusal.deviceId.invalid", Device.DEVICE_ID_MAX);
        }
        if (name != null && name.length() > Device.NAME_MAX) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_error", "name: at most 120 characters", "name")
                    .worded("refusal.name.tooLong", Device.NAME_MAX);
        }
        Branch branch = catalog.branchByCode(branchCode == null ? "" : branchCode).orElseThrow(() -> new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT, "unknown_branch", "branch_code: no such branch", "branch_code").worded("refusal.branch.unknown"));
        if (devices.findByDeviceId(deviceId).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, "device_exists", "device_id: already enrolled; rotate its token instead", "device_id")
                    .worded("refusal.deviceId.taken", deviceId);
        }
        Device device = new Device(deviceId, branch.getId(), name == null || name.isBlank() ? deviceId : name.strip());
        DeviceTokens.Issued token = DeviceTokens.issue();
        device.issueToken(token);
        devices.saveAndFlush(device);
        return new EnrolledDevice(deviceId, branch.getCode(), device.getName(), token.token());
    }

    /**
     * Stops a till syncing. A manager may revoke the tills of their own branches, as a lost till is
     * theirs to deal with at once; a till of another branch reads to them as an unknown one.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    @Transactional
    public Device revoke(String deviceId) {
        Device device = require(deviceId);
        if (!currentUser.require().mayAccess(device.getBranchId())) {
            throw unknown();
        }
        device.revoke();
        // a code issued before the revocation must not bring the device back
        jdbc.update("DELETE FROM device_pairing_codes WHERE device_pk = :d", Map.of("d", device.getId()));
        return device;
    }

    /** A new token; the old one stops working in the same commit. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public EnrolledDevice rotate(String deviceId) {
        Device device = require(deviceId);
        DeviceTokens.Issued token = DeviceTokens.issue();
        device.issueToken(token);
        String branchCode = catalog.branch(device.getBranchId()).map(Branch::getCode).orElseThrow();
        return new EnrolledDevice(device.getDeviceId(), branchCode, device.getName(), token.token());
    }

    private Device require(String deviceId) {
        return devices.findByDeviceId(deviceId).orElseThrow(DeviceService::unknown);
    }

    private static ApiException unknown() {
        return new ApiException(HttpStatus.NOT_FOUND, "unknown_device", "No device with that device_id", "device_id");
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

    /** The device as the sync path sees it, whatever its status: for booking what a person resolved. */
    public Optional<DevicePrincipal> principal(long devicePk) {
        return principal("d.id = :id", Map.of("id", devicePk));
    }

    private Optional<DevicePrincipal> principal(String where, Map<String, Object> params) {
        record Row(long pk, String deviceId, long branchId) {
        }
        return jdbc.query("SELECT d.id, d.device_id, d.branch_id FROM devices d WHERE " + where, params,
                        (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3))).stream().findFirst()
                .map(r -> {
                    CatalogService.BranchCodes codes = catalog.codes(r.branchId());
                    return new DevicePrincipal(r.pk(), r.deviceId(), r.branchId(), codes.branchCode(), codes.merchantId(),
                            codes.merchantCode());
                });
    }

    /** The gaps the health grid counts for a till: by its branch's grace period, over the health's window. */
    @Transactional(readOnly = true)
    public List<SequenceGap> sequenceGaps(DeviceHealth device) {
        int grace = catalog.branch(device.branchId()).orElseThrow().getGapGraceMinutes();
        return sequenceGaps(device.devicePk(), Duration.ofMinutes(grace),
                LocalDate.now(java.time.ZoneOffset.UTC).minusDays(DeviceHealthService.GAP_WINDOW.toDays()));
    }

    /** A device's internal key by its device id. */
    public Optional<Long> pkOf(String deviceId) {
        return jdbc.query("SELECT id FROM devices WHERE device_id = :d", Map.of("d", deviceId), (rs, i) -> rs.getLong(1))
                .stream().findFirst();
    }

    /** The names of these devices as enrolled, by device id; a device without a name is left out. */
    public Map<String, String> names(Collection<String> deviceIds) {
        Map<String, String> names = new java.util.HashMap<>();
        if (!deviceIds.isEmpty()) {
            jdbc.query("SELECT device_id, name FROM devices WHERE device_id IN (:d) AND name IS NOT NULL",
                    Map.of("d", deviceIds), rs -> {
                        names.put(rs.getString(1), rs.getString(2));
                    });
        }
        return names;
    }

    /** When each active device last synced, for the monitoring gauges. */
    public Map<String, Instant> lastSyncTimes() {
        Map<String, Instant> result = new java.util.HashMap<>();
        jdbc.query("SELECT device_id, last_sync_at FROM devices WHERE status = 'ACTIVE' AND last_sync_at IS NOT NULL",
                rs -> {
                    result.put(rs.getString(1), io.tillsync.base.Db.instant(rs, 2));
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

    /**
     * Gaps of a device: per day, the numbers below the highest one received that never arrived,
     * once the grace period since the higher number arrived has passed.
     */
    @Transactional(readOnly = true)
    public List<SequenceGap> sequenceGaps(long devicePk, Duration grace, LocalDate fromDay) {
        record Seen(LocalDate day, int seq, Instant at) {
        }
        List<Seen> seen = jdbc.query("SELECT seq_day, seq_no, received_at FROM device_sequence_numbers "
                        + "WHERE device_pk = :d AND seq_day >= :from ORDER BY seq_day, seq_no",
                Map.of("d", devicePk, "from", Date.valueOf(fromDay)),
                (rs, i) -> new Seen(rs.getDate(1).toLocalDate(), rs.getInt(2), io.tillsync.base.Db.instant(rs, 3)));
        Instant settled = Instant.now().minus(grace);
        List<SequenceGap> gaps = new ArrayList<>();
        LocalDate day = null;
        int expected = 1;
        for (Seen s : seen) {
            if (!s.day().equals(day)) {
                day = s.day();
                expected = 1;
            }
            if (s.seq() > expected && s.at().isBefore(settled)) {
                gaps.add(new SequenceGap(day, expected, s.seq() - 1));
            }
            expected = Math.max(expected, s.seq() + 1);
        }
        return gaps;
    }

    @Transactional(readOnly = true)
    public Optional<Device> find(String deviceId) {
        return devices.findByDeviceId(deviceId);
    }
}
