package io.tillsync.conflicts;

import io.tillsync.base.Db;
import io.tillsync.catalog.CatalogService;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
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
 * The back-office's reads of conflicts. Every query is cut to the signed-in user's branches here,
 * not in the views, so a typed URL or a crafted request cannot reach another branch's conflict:
 * it is simply not found.
 */
@Service
public class ConflictQueries {

    /**
     * The document a conflict was settled on. A sale the policy kept as the till sent it stores no
     * second copy of it (the sync path writes one such row per sale): its final document is the local one.
     */
    static final String FINAL_DATA = " COALESCE(c.final_data, CASE WHEN c.auto_resolved AND c.resolution_strategy = 'keep_local' "
            + "AND c.outcome = 'booked' THEN c.local_data END) ";

    private static final String SELECT = """
            SELECT c.conflict_id, c.item_type, c.offline_reference, c.conflict_type, c.reason, c.status, c.branch_id, NULL,
                   c.device_id, c.created_at, c.resolved_at, c.resolution_strategy, c.auto_resolved, c.resolved_by_name,
                   c.id
            FROM offline_conflicts c""";

    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final CatalogService catalog;

    ConflictQueries(NamedParameterJdbcTemplate jdbc, CurrentUser currentUser, CatalogService catalog) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    @Transactional(readOnly = true)
    public Slice<ConflictSummary> list(ConflictFilter filter, Pageable page) {
        UserScope scope = currentUser.require();
        MapSqlParameterSource p = new MapSqlParameterSource();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (!scope.restrict("c.branch_id", filter.branchId(), where, p)) {
            return new SliceImpl<>(List.of(), page, false);
        }
        if (filter.conflictType() != null) {
            where.append(" AND c.conflict_type = :ctype");
            p.addValue("ctype", filter.conflictType());
        }
        if (filter.itemType() != null) {
            where.append(" AND c.item_type = :itype");
            p.addValue("itype", filter.itemType());
        }
        if (filter.status() != null) {
            where.append(" AND c.status = :status");
            p.addValue("status", filter.status());
        }
        if (filter.deviceId() != null) {
            // the start of a till's id is enough: managers type "TILL-A" for the front tills
            where.append(" AND c.device_id LIKE :device ESCAPE '!'");
            p.addValue("device", filter.deviceId().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (filter.minAge() != null) {
            where.append(" AND c.created_at <= :before");
            p.addValue("before", Db.ts(Instant.now().minus(filter.minAge())));
        }
        p.addValue("limit", page.getPageSize() + 1).addValue("offset", page.getOffset());
        List<ConflictSummary> rows = jdbc.query(SELECT + where + " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit OFFSET :offset",
                p, (rs, i) -> summary(rs));
        boolean more = rows.size() > page.getPageSize();
        return new SliceImpl<>(more ? rows.subList(0, page.getPageSize()) : rows, page, more);
    }

    /** Empty both when there is no such conflict and when it belongs to a branch the user may not see. */
    @Transactional(readOnly = true)
    public Optional<ConflictDetail> find(String conflictId) {
        UserScope scope = currentUser.require();
        return jdbc.query(SELECT.replace("c.id\n", "c.id, c.local_data, c.server_data, c.suggested_fix, " + FINAL_DATA + ", "
                                + "c.resolution_comment, c.outcome, c.booked_id\n") + " WHERE c.conflict_id = :id",
                        Map.of("id", conflictId), (rs, i) -> new ConflictDetail(summary(rs), rs.getString(16), rs.getString(17),
                                rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21),
                                (Long) rs.getObject(22, Long.class)))
                .stream().filter(d -> scope.mayAccess(d.summary().branchId())).findFirst();
    }

    /**
     * The audit trail, oldest first. Its first line, the detection, is read from the conflict row
     * (earlier versions also stored it as an event, which is skipped so it shows once), and so is a
     * policy's settling at the moment of detection, which has no event of its own; every later step
     * (a person's resolve, a held item released or reopened) is an event.
     */
    @Transactional(readOnly = true)
    public List<ConflictEvent> history(String conflictId) {
        UserScope scope = currentUser.require();
        return jdbc.query("""
                SELECT 'detected', NULL, CONCAT('device:', c.device_id), NULL, NULL, c.created_at, c.branch_id, 0 AS line, 0 AS eid
                FROM offline_conflicts c WHERE c.conflict_id = :id
                UNION ALL
                SELECT 'resolved', c.resolution_strategy, c.resolved_by_name, 'settled by the branch''s policy', """ + FINAL_DATA + """
                       , c.resolved_at, c.branch_id, 1, 0
                FROM offline_conflicts c WHERE c.conflict_id = :id AND c.status = 'resolved' AND c.auto_resolved
                  AND NOT EXISTS (SELECT 1 FROM conflict_events x WHERE x.conflict_pk = c.id AND x.action = 'resolved')
                UNION ALL
                SELECT e.action, e.strategy, e.actor, e.comment,
                       COALESCE(e.document, CASE WHEN e.action = 'resolved' THEN """ + FINAL_DATA + """
                        END), e.at, c.branch_id, 1, e.id
                FROM conflict_events e JOIN offline_conflicts c ON c.id = e.conflict_pk
                WHERE c.conflict_id = :id AND e.action <> 'detected'
                ORDER BY 6, 8, 9""",
                Map.of("id", conflictId), (rs, i) -> scope.mayAccess(rs.getLong(7))
                        ? new ConflictEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Db.instant(rs, 6)) : null).stream().filter(java.util.Objects::nonNull).toList();
    }

    /** Conflicts raised by a device for one offline reference: the sale's own and any duplicate of it. */
    @Transactional(readOnly = true)
    public List<String> idsFor(String deviceId, String offlineReference) {
        return jdbc.queryForList("SELECT conflict_id FROM offline_conflicts WHERE offline_reference = :ref AND device_id = :d",
                Map.of("ref", offlineReference, "d", deviceId), String.class);
    }

    /** A settled conflict as its device learns it through the pull. */
    public record Settled(String conflictId, String offlineId, String itemType, String conflictType, String status,
                          String strategy, String outcome, boolean autoResolved, Long bookedId, String finalData,
                          Instant resolvedAt) {
    }

    /** Resolved conflicts of a device: all of them (at most 1,000, oldest first) when {@code conflictIds} is null. */
    @Transactional(readOnly = true)
    public List<Settled> settledOf(long devicePk, java.util.Collection<String> conflictIds) {
        String filter = conflictIds == null ? "" : " AND c.conflict_id IN (:ids)";
        MapSqlParameterSource p = new MapSqlParameterSource("device", devicePk);
        if (conflictIds != null) {
            p.addValue("ids", conflictIds);
        }
        return jdbc.query("""
                SELECT c.conflict_id, c.offline_id, c.item_type, c.conflict_type, c.status, c.resolution_strategy, c.outcome,
                       c.auto_resolved, c.booked_id, """ + FINAL_DATA + """
                , c.resolved_at
                FROM offline_conflicts c WHERE c.device_pk = :device AND c.status = 'resolved'""" + filter
                        + " ORDER BY c.resolved_at LIMIT 1000",
                p, (rs, i) -> new Settled(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBoolean(8), (Long) rs.getObject(9, Long.class), rs.getString(10),
                        Db.instant(rs, 11)));
    }

    /** Open conflicts of the user's branches: how many and since when the oldest waits. */
    @Transactional(readOnly = true)
    public Backlog backlog() {
        UserScope scope = currentUser.require();
        MapSqlParameterSource p = new MapSqlParameterSource();
        StringBuilder where = new StringBuilder(" WHERE c.status IN ('open', 'held')");
        if (!scope.restrict("c.branch_id", null, where, p)) {
            return new Backlog(0, null);
        }
        return jdbc.queryForObject("SELECT COUNT(*), MIN(c.created_at) FROM offline_conflicts c" + where, p,
                (rs, i) -> new Backlog(rs.getLong(1), Db.instant(rs, 2)));
    }

    public record Backlog(long open, Instant oldest) {
    }

    private ConflictSummary summary(ResultSet rs) throws SQLException {
        return new ConflictSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), catalog.codes(rs.getLong(7)).branchCode(), rs.getString(9), Db.instant(rs, 10), Db.instant(rs, 11),
                rs.getString(12), rs.getBoolean(13), rs.getString(14));
    }
}
