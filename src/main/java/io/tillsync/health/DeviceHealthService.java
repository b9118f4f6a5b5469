package io.tillsync.health;

import io.tillsync.base.Db;
import io.tillsync.base.Where;
import io.tillsync.catalog.CatalogSql;
import io.tillsync.sales.ConflictSql;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserScope;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * The state is worked out in the database from the last-seen and last-success timestamps, the
 * failure streak, open conflicts and missing sale numbers, so the grid filters, orders and pages
 * on it there and only ever reads one page; the sync log, which grows without bound, is only ever
 * read by index and page.
 */
@Service
public class DeviceHealthService {

    /** Failures counted as "recent" on the grid. */
    static final Duration RECENT = Duration.ofHours(24);
    /** How far back sale-number gaps are looked for. */
    static final Duration GAP_WINDOW = Duration.ofDays(7);

    /**
     * One row per till with its health. The state is the worst that applies, in {@link HealthState}'s
     * order, as its ordinal: revoked first, as it outranks the rest, then never seen, offline, failing, stale,
     * open conflicts, missing numbers. Missing numbers are counted per device over the gap window,
     * per day whose latest arrival is past the grace period, as the numbers below the highest one
     * that never came; the device page lists the exact gaps through {@link #sequenceGaps}.
     */
    private static final String HEALTH = """
            SELECT h.* FROM (
              SELECT c.*, CASE
                  WHEN c.status = 'REVOKED' THEN %d
                  WHEN c.last_seen_at IS NULL AND c.open_conflicts = 0 THEN %d
                  WHEN c.last_seen_at IS NULL OR c.last_seen_at < DATE_SUB(:now, INTERVAL c.offline_after_minutes MINUTE) THEN %d
                  WHEN c.consecutive_failures >= c.failing_after_errors THEN %d
                  WHEN c.last_success_at IS NULL OR c.last_success_at < DATE_SUB(:now, INTERVAL c.stale_after_minutes MINUTE) THEN %d
                  WHEN c.open_conflicts > 0 THEN %d
                  WHEN c.missing > 0 THEN %d
                  ELSE %d END AS state
              FROM (
                SELECT d.id, d.device_id, d.name, d.branch_id, b.code, b.branch_name, b.gap_grace_minutes, d.status, d.last_seen_at, d.last_success_at, d.last_failure_at,
                       d.consecutive_failures, d.app_version, d.queue_depth, d.clock_skew_ms,
                       b.stale_after_minutes, b.offline_after_minutes, b.failing_after_errors,
                       %s AS open_conflicts,
                       (SELECT COUNT(*) FROM sync_requests s WHERE s.device_pk = d.id AND s.received_at >= :recent
                          AND (s.http_status >= 400 OR s.failed_count > s.conflict_count)) AS recent_failures,
                       COALESCE(g.missing, 0) AS missing
                FROM devices d JOIN %s b ON b.id = d.branch_id
                LEFT JOIN (
                  SELECT t.device_pk, SUM(t.top - t.seen) AS missing FROM (
                    SELECT n.device_pk, MAX(n.seq_no) top, COUNT(*) seen, MAX(n.received_at) last_at
                    FROM device_sequence_numbers n JOIN devices gd ON gd.id = n.device_pk
                    WHERE n.seq_day >= :gapFrom %s
                    GROUP BY n.device_pk, n.seq_day) t
                  JOIN devices td ON td.id = t.device_pk JOIN %s tb ON tb.id = td.branch_id
                  WHERE t.top > t.seen AND t.last_at < DATE_SUB(:now, INTERVAL tb.gap_grace_minutes MINUTE)
                  GROUP BY t.device_pk) g ON g.device_pk = d.id
                WHERE 1 = 1 %s) c) h
            """.formatted(HealthState.REVOKED.ordinal(), HealthState.NEVER.ordinal(), HealthState.OFFLINE.ordinal(), HealthState.FAILING.ordinal(),
            HealthState.STALE.ordinal(), HealthState.CONFLICTS.ordinal(), HealthState.GAPS.ordinal(), HealthState.HEALTHY.ordinal(),
            ConflictSql.waitingOfDevice("d.id", "d.branch_id"), CatalogSql.BRANCH_HEALTH_SETTINGS, "%s",
            CatalogSql.BRANCH_HEALTH_SETTINGS, "%s");

    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final Clock clock;

    DeviceHealthService(NamedParameterJdbcTemplate jdbc, CurrentUser currentUser, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** One page of the user's tills, filtered, worst state first, then by device id. */
    @Transactional(readOnly = true)
    public Slice<DeviceHealth> list(DeviceFilter filter, Pageable page) {
        Query q = query(currentUser.require(), filter, null);
        if (q == null) {
            return new SliceImpl<>(List.of(), page, false);
        }
        q.params.addValue("limit", page.getPageSize() + 1).addValue("offset", page.getOffset());
        List<DeviceHealth> rows = jdbc.query(q.sql + q.stateFilter + " ORDER BY h.state, h.device_id LIMIT :limit OFFSET :offset",
                q.params, (rs, i) -> row(rs));
        boolean more = rows.size() > page.getPageSize();
        return new SliceImpl<>(more ? rows.subList(0, page.getPageSize()) : rows, page, more);
    }

    /** How many of the user's tills are in each state, counted in the database. */
    @Transactional(readOnly = true)
    public Map<HealthState, Long> countByState() {
        Map<HealthState, Long> counts = new EnumMap<>(HealthState.class);
        for (HealthState s : HealthState.values()) {
            counts.put(s, 0L);
        }
        Query q = query(currentUser.require(), DeviceFilter.ALL, null);
        if (q != null) {
            jdbc.query("SELECT h.state, COUNT(*) AS tills FROM (" + q.sql + ") h GROUP BY h.state", q.params,
                    rs -> {
                        counts.put(HealthState.values()[rs.getInt("state")], rs.getLong("tills"));
                    });
        }
        return counts;
    }

    /** Empty both for an unknown till and for one of a branch the user may not see. */
    @Transactional(readOnly = true)
    public Optional<DeviceHealth> find(String deviceId) {
        Query q = query(currentUser.require(), DeviceFilter.ALL, deviceId);
        return q == null ? Optional.empty() : jdbc.query(q.sql, q.params, (rs, i) -> row(rs)).stream().findFirst();
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
                (rs, i) -> new SyncLogEntry(Db.instant(rs, "received_at"), rs.getString("endpoint"), rs.getInt("http_status"),
                        rs.getLong("duration_ms"), rs.getLong("request_bytes"), rs.getInt("total_items"), rs.getInt("success_count"),
                        rs.getInt("failed_count"), rs.getInt("conflict_count"), rs.getInt("replayed_count"),
                        rs.getObject("queue_depth", Integer.class), rs.getString("app_version"), rs.getString("error_code")));
        boolean more = rows.size() > page.getPageSize();
        return new SliceImpl<>(more ? rows.subList(0, page.getPageSize()) : rows, page, more);
    }

    /** The gaps the health grid counts for a till: by its branch's grace period, over the health's window. */
    @Transactional(readOnly = true)
    public List<SequenceGap> sequenceGaps(DeviceHealth device) {
        return sequenceGaps(device.devicePk(), Duration.ofMinutes(device.gapGraceMinutes()), gapFrom(clock.instant()));
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
                (rs, i) -> new Seen(rs.getDate("seq_day").toLocalDate(), rs.getInt("seq_no"), Db.instant(rs, "received_at")));
        Instant settled = clock.instant().minus(grace);
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

    private record Query(String sql, String stateFilter, MapSqlParameterSource params) {
    }

    /** The health query cut to the user's branches and the filter; null when the user sees no branch at all. */
    private Query query(UserScope scope, DeviceFilter filter, String deviceId) {
        Instant now = clock.instant();
        MapSqlParameterSource p = new MapSqlParameterSource("now", Db.ts(now)).addValue("recent", Db.ts(now.minus(RECENT)))
                .addValue("gapFrom", Date.valueOf(gapFrom(now)));
        Where devices = tills(new Where(p), "d", scope, filter, deviceId);
        if (devices.matchesNothing()) {
            return null;
        }
        // the gap counts read the same tills under their own alias, with the same parameters
        Where gaps = tills(new Where(p), "gd", scope, filter, deviceId);
        Where state = new Where(p).and("h.state = :state", "state", filter.state() == null ? null : filter.state().ordinal())
                .andIf(filter.needsAttention(), "h.state NOT IN (:calm)");
        if (filter.needsAttention()) {
            p.addValue("calm", List.of(HealthState.HEALTHY.ordinal(), HealthState.NEVER.ordinal(), HealthState.REVOKED.ordinal()));
        }
        return new Query(HEALTH.formatted(gaps.andSql(), devices.andSql()), state.sql(), p);
    }

    /** The tills the user may see that the filter asks for, by the devices table under {@code alias}. */
    static Where tills(Where where, String alias, UserScope scope, DeviceFilter filter, String deviceId) {
        scope.restrict(where, alias + ".branch_id", filter.branchId()).and(alias + ".device_id = :device", "device", deviceId);
        if (filter.search() != null) {
            where.and("(LOWER(" + alias + ".device_id) LIKE :search ESCAPE '!' OR LOWER(" + alias + ".name) LIKE :search ESCAPE '!')",
                    "search", "%" + filter.search().toLowerCase(Locale.ROOT).replaceAll("[!%_]", "!$0") + "%");
        }
        return where;
    }

    private static LocalDate gapFrom(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(GAP_WINDOW.toDays());
    }

    private static DeviceHealth row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DeviceHealth(rs.getLong("id"), rs.getString("device_id"), rs.getString("name"), rs.getLong("branch_id"),
                rs.getString("code"), rs.getString("branch_name"), rs.getInt("gap_grace_minutes"), "REVOKED".equals(rs.getString("status")), Db.instant(rs, "last_seen_at"),
                Db.instant(rs, "last_success_at"), Db.instant(rs, "last_failure_at"),
                rs.getInt("consecutive_failures"), rs.getString("app_version"), (Integer) rs.getObject("queue_depth", Integer.class),
                (Long) rs.getObject("clock_skew_ms", Long.class), rs.getLong("open_conflicts"), rs.getLong("recent_failures"),
                rs.getLong("missing"), HealthState.values()[rs.getInt("state")]);
    }
}
