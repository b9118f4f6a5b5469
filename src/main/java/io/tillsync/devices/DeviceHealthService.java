package io.tillsync.devices;

import io.tillsync.base.Db;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserScope;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sync health of the tills in the user's branches, judged by each branch's own thresholds.
 * A merchant has tens to hundreds of tills, so the state is computed for all of a user's devices
 * in three grouped queries and filtered in memory; the sync log, which grows without bound, is
 * only ever read by index and page.
 */
@Service
public class DeviceHealthService {

    /** Failures counted as "recent" on the grid. */
    static final Duration RECENT = Duration.ofHours(24);
    /** How far back sale-number gaps are looked for. */
    static final Duration GAP_WINDOW = Duration.ofDays(7);

    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final DeviceService devices;

    DeviceHealthService(NamedParameterJdbcTemplate jdbc, CurrentUser currentUser, DeviceService devices) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.devices = devices;
    }

    @Transactional(readOnly = true)
    public List<DeviceHealth> all() {
        return load(currentUser.require(), null, Instant.now());
    }

    @Transactional(readOnly = true)
    public Slice<DeviceHealth> list(DeviceFilter filter, Pageable page) {
        String search = filter.search() == null ? null : filter.search().toLowerCase(Locale.ROOT);
        List<DeviceHealth> rows = load(currentUser.require(), null, Instant.now()).stream()
                .filter(d -> filter.branchId() == null || d.branchId() == filter.branchId())
                .filter(d -> filter.state() == null || d.state() == filter.state())
                .filter(d -> search == null || d.deviceId().toLowerCase(Locale.ROOT).contains(search)
                        || d.name().toLowerCase(Locale.ROOT).contains(search))
                .sorted(Comparator.comparing(DeviceHealth::state).thenComparing(DeviceHealth::deviceId))
                .toList();
        int from = (int) Math.min(page.getOffset(), rows.size());
        int to = Math.min(from + page.getPageSize(), rows.size());
        return new SliceImpl<>(rows.subList(from, to), page, to < rows.size());
    }

    /** Empty both for an unknown till and for one of a branch the user may not see. */
    @Transactional(readOnly = true)
    public Optional<DeviceHealth> find(String deviceId) {
        return load(currentUser.require(), deviceId, Instant.now()).stream().findFirst();
    }

    public static Map<HealthState, Long> countByState(List<DeviceHealth> devices) {
        Map<HealthState, Long> counts = new EnumMap<>(HealthState.class);
        for (HealthState s : HealthState.values()) {
            counts.put(s, 0L);
        }
        devices.forEach(d -> counts.merge(d.state(), 1L, Long::sum));
        return counts;
    }

    @Transactional(readOnly = true)
    public List<SequenceGap> gaps(String deviceId) {
        return find(deviceId).map(d -> {
            int grace = jdbc.queryForObject("SELECT gap_grace_minutes FROM branches WHERE id = :b", Map.of("b", d.branchId()), Integer.class);
            return devices.sequenceGaps(d.devicePk(), Duration.ofMinutes(grace), java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                    .minusDays(GAP_WINDOW.toDays()));
        }).orElse(List.of());
    }

    @Transactional(readOnly = true)
    public Slice<SyncLogEntry> history(String deviceId, Pageable page) {
        Optional<DeviceHealth> device = find(deviceId);
        if (device.isEmpty()) {
            return new SliceImpl<>(List.of(), page, false);
        }
        List<SyncLogEntry> rows = jdbc.query("""
                SELECT received_at, endpoint, http_status, duration_ms, request_bytes, total_items, success_count, failed_count,
                       conflict_count, replayed_count, queue_depth, app_version, error_code
                FROM sync_requests WHERE device_pk = :pk ORDER BY received_at DESC, id DESC LIMIT :limit OFFSET :offset""",
                new MapSqlParameterSource("pk", device.get().devicePk()).addValue("limit", page.getPageSize() + 1)
                        .addValue("offset", page.getOffset()),
                (rs, i) -> new SyncLogEntry(Db.instant(rs, 1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getLong(5),
                        rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), (Integer) rs.getObject(11, Integer.class),
                        rs.getString(12), rs.getString(13)));
        boolean more = rows.size() > page.getPageSize();
        return new SliceImpl<>(more ? rows.subList(0, page.getPageSize()) : rows, page, more);
    }

    private List<DeviceHealth> load(UserScope scope, String deviceId, Instant now) {
        MapSqlParameterSource p = new MapSqlParameterSource("now", Db.ts(now)).addValue("recent", Db.ts(now.minus(RECENT)))
                .addValue("gapFrom", java.sql.Date.valueOf(java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(GAP_WINDOW.toDays())));
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (scope.branchIds() != null) {
            if (scope.branchIds().isEmpty()) {
                return List.of();
            }
            where.append(" AND d.branch_id IN (:branches)");
            p.addValue("branches", scope.branchIds());
        }
        if (deviceId != null) {
            where.append(" AND d.device_id = :device");
            p.addValue("device", deviceId);
        }
        List<DeviceHealth> rows = jdbc.query("""
                SELECT d.id, d.device_id, d.name, d.branch_id, b.code, d.status, d.last_seen_at, d.last_success_at, d.last_failure_at,
                       d.consecutive_failures, d.app_version, d.queue_depth, d.clock_skew_ms,
                       (SELECT COUNT(*) FROM offline_conflicts c WHERE c.branch_id = d.branch_id AND c.status IN ('open', 'held')
                          AND c.device_pk = d.id) AS open_conflicts,
                       (SELECT COUNT(*) FROM sync_requests s WHERE s.device_pk = d.id AND s.received_at >= :recent
                          AND (s.http_status >= 400 OR s.failed_count > s.conflict_count)) AS recent_failures,
                       b.stale_after_minutes, b.offline_after_minutes, b.failing_after_errors
                FROM devices d JOIN branches b ON b.id = d.branch_id""" + where + " ORDER BY d.device_id", p, (rs, i) -> {
            Instant seen = Db.instant(rs, 7);
            Instant success = Db.instant(rs, 8);
            int failures = rs.getInt(10);
            long conflicts = rs.getLong(14);
            boolean revoked = "REVOKED".equals(rs.getString(6));
            HealthState state = state(revoked, seen, success, failures, conflicts, 0, now, rs.getInt(16), rs.getInt(17), rs.getInt(18));
            return new DeviceHealth(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), revoked, seen,
                    success, Db.instant(rs, 9), failures, rs.getString(11), (Integer) rs.getObject(12, Integer.class),
                    (Long) rs.getObject(13, Long.class), conflicts, rs.getLong(15), 0, state);
        });
        Map<Long, Long> missing = missingNumbers(rows, p);
        // gaps rank below every other trouble: they only turn an otherwise healthy till's state
        return rows.stream().map(d -> {
            long m = missing.getOrDefault(d.devicePk(), 0L);
            return m == 0 ? d : with(d, m, d.state() == HealthState.HEALTHY ? HealthState.GAPS : d.state());
        }).toList();
    }

    /**
     * Missing sale numbers per device over the gap window, in one grouped query that reads the
     * listed devices' rows by primary key. It counts, per day whose latest arrival is past the
     * grace period, the numbers below the highest one that never came; the device page lists the
     * exact gaps through {@link DeviceService#sequenceGaps}.
     */
    private Map<Long, Long> missingNumbers(List<DeviceHealth> devices, MapSqlParameterSource p) {
        if (devices.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> result = new java.util.HashMap<>();
        p.addValue("pks", devices.stream().map(DeviceHealth::devicePk).toList());
        jdbc.query("""
                SELECT g.device_pk, SUM(g.top - g.seen) FROM (
                  SELECT n.device_pk, MAX(n.seq_no) top, COUNT(*) seen, MAX(n.received_at) last_at FROM device_sequence_numbers n
                  WHERE n.device_pk IN (:pks) AND n.seq_day >= :gapFrom GROUP BY n.device_pk, n.seq_day) g
                JOIN devices d ON d.id = g.device_pk JOIN branches b ON b.id = d.branch_id
                WHERE g.top > g.seen AND g.last_at < DATE_SUB(:now, INTERVAL b.gap_grace_minutes MINUTE)
                GROUP BY g.device_pk""", p, rs -> {
            result.put(rs.getLong(1), rs.getLong(2));
        });
        return result;
    }

    private static DeviceHealth with(DeviceHealth d, long missing, HealthState state) {
        return new DeviceHealth(d.devicePk(), d.deviceId(), d.name(), d.branchId(), d.branchCode(), d.revoked(), d.lastSeenAt(),
                d.lastSuccessAt(), d.lastFailureAt(), d.consecutiveFailures(), d.appVersion(), d.queueDepth(), d.clockSkewMs(),
                d.openConflicts(), d.recentFailures(), missing, state);
    }

    static HealthState state(boolean revoked, Instant seen, Instant success, int failures, long conflicts, long missing, Instant now,
                             int staleMinutes, int offlineMinutes, int failingErrors) {
        if (revoked) {
            return HealthState.REVOKED;
        }
        if (seen == null || seen.isBefore(now.minus(Duration.ofMinutes(offlineMinutes)))) {
            return HealthState.OFFLINE;
        }
        if (failures >= failingErrors) {
            return HealthState.FAILING;
        }
        if (success == null || success.isBefore(now.minus(Duration.ofMinutes(staleMinutes)))) {
            return HealthState.STALE;
        }
        if (conflicts > 0) {
            return HealthState.CONFLICTS;
        }
        return missing > 0 ? HealthState.GAPS : HealthState.HEALTHY;
    }
}
