package io.tillsync.conflicts;

import io.tillsync.base.Db;
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

    private static final String SELECT = """
            SELECT c.conflict_id, c.item_type, c.offline_reference, c.conflict_type, c.reason, c.status, c.branch_id, b.code,
                   c.device_id, c.created_at, c.resolved_at, c.resolution_strategy, c.auto_resolved, c.resolved_by_name,
                   c.id
            FROM offline_conflicts c JOIN branches b ON b.id = c.branch_id""";

    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentUser currentUser;

    ConflictQueries(NamedParameterJdbcTemplate jdbc, CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    @Transactional(readOnly = true)
    public Slice<ConflictSummary> list(ConflictFilter filter, Pageable page) {
        UserScope scope = currentUser.require();
        MapSqlParameterSource p = new MapSqlParameterSource();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (!scoped(scope, filter.branchId(), where, p)) {
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
            where.append(" AND c.device_id = :device");
            p.addValue("device", filter.deviceId());
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
        return jdbc.query(SELECT.replace("c.id\n", "c.id, c.local_data, c.server_data, c.suggested_fix, c.final_data, "
                                + "c.resolution_comment, c.outcome, c.booked_id\n") + " WHERE c.conflict_id = :id",
                        Map.of("id", conflictId), (rs, i) -> new ConflictDetail(summary(rs), rs.getString(16), rs.getString(17),
                                rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21),
                                (Long) rs.getObject(22, Long.class)))
                .stream().filter(d -> scope.mayAccess(d.summary().branchId())).findFirst();
    }

    @Transactional(readOnly = true)
    public List<ConflictEvent> history(String conflictId) {
        UserScope scope = currentUser.require();
        return jdbc.query("""
                SELECT e.action, e.strategy, e.actor, e.comment, e.document, e.at, c.branch_id FROM conflict_events e
                JOIN offline_conflicts c ON c.id = e.conflict_pk WHERE c.conflict_id = :id ORDER BY e.at, e.id""",
                Map.of("id", conflictId), (rs, i) -> scope.mayAccess(rs.getLong(7))
                        ? new ConflictEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Db.instant(rs, 6)) : null).stream().filter(java.util.Objects::nonNull).toList();
    }

    /** Open conflicts of the user's branches: how many and since when the oldest waits. */
    @Transactional(readOnly = true)
    public Backlog backlog() {
        UserScope scope = currentUser.require();
        MapSqlParameterSource p = new MapSqlParameterSource();
        StringBuilder where = new StringBuilder(" WHERE c.status IN ('open', 'held')");
        if (!scoped(scope, null, where, p)) {
            return new Backlog(0, null);
        }
        return jdbc.queryForObject("SELECT COUNT(*), MIN(c.created_at) FROM offline_conflicts c" + where, p,
                (rs, i) -> new Backlog(rs.getLong(1), Db.instant(rs, 2)));
    }

    public record Backlog(long open, Instant oldest) {
    }

    /**
     * Adds the branch restriction; false when the user may see nothing of what was asked
     * (a manager without branches, or a branch filter outside their scope).
     */
    static boolean scoped(UserScope scope, Long branchId, StringBuilder where, MapSqlParameterSource p) {
        if (branchId != null) {
            if (!scope.mayAccess(branchId)) {
                return false;
            }
            where.append(" AND c.branch_id = :branch");
            p.addValue("branch", branchId);
        } else if (scope.branchIds() != null) {
            if (scope.branchIds().isEmpty()) {
                return false;
            }
            where.append(" AND c.branch_id IN (:branches)");
            p.addValue("branches", scope.branchIds());
        }
        return true;
    }

    private static ConflictSummary summary(ResultSet rs) throws SQLException {
        return new ConflictSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9), Db.instant(rs, 10), Db.instant(rs, 11),
                rs.getString(12), rs.getBoolean(13), rs.getString(14));
    }
}
