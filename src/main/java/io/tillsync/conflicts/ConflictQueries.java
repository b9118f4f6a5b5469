package io.tillsync.conflicts;

import io.tillsync.base.Db;
import io.tillsync.base.Where;
import io.tillsync.catalog.CatalogService;
import io.tillsync.sales.ConflictSql;
import io.tillsync.sales.ConflictStatus;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.ItemKind;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
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
            SELECT c.id, c.conflict_id, c.item_type, c.offline_reference, c.conflict_type, c.reason, c.status, c.branch_id,
                   c.device_id, c.created_at, c.resolved_at, c.resolution_strategy, c.auto_resolved, c.resolved_by_name
            FROM offline_conflicts c""";
    private static final String DETAIL = """
            SELECT c.id, c.conflict_id, c.item_type, c.offline_reference, c.conflict_type, c.reason, c.status, c.branch_id,
                   c.device_id, c.created_at, c.resolved_at, c.resolution_strategy, c.auto_resolved, c.resolved_by_name,
                   c.local_data, c.server_data, c.suggested_fix,""" + ConflictSql.FINAL_DATA + """
            AS final_document, c.resolution_comment, c.outcome, c.booked_id
            FROM offline_conflicts c WHERE c.conflict_id = :id""";

    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final CatalogService catalog;
    private final Clock clock;

    ConflictQueries(NamedParameterJdbcTemplate jdbc, CurrentUser currentUser, CatalogService catalog, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Slice<ConflictSummary> list(ConflictFilter filter, Pageable page) {
        Where where = where(filter, currentUser.require(), clock.instant());
        if (where.matchesNothing()) {
            return new SliceImpl<>(List.of(), page, false);
        }
        where.bind("limit", page.getPageSize() + 1).bind("offset", page.getOffset());
        List<ConflictSummary> rows = jdbc.query(SELECT + where.sql() + " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit OFFSET :offset",
                where.params(), (rs, i) -> summary(rs));
        boolean more = rows.size() > page.getPageSize();
        return new SliceImpl<>(more ? rows.subList(0, page.getPageSize()) : rows, page, more);
    }

    /** The list's conditions: the user's branches, then each filter that is set. */
    static Where where(ConflictFilter filter, UserScope scope, Instant now) {
        Where where = scope.restrict(new Where(), "c.branch_id", filter.branchId())
                .and("c.conflict_type = :ctype", "ctype", filter.conflictType())
                .and("c.item_type = :itype", "itype", filter.itemType())
                .and("c.status = :status", "status", filter.status())
                // the start of a till's id is enough: managers type "TILL-A" for the front tills
                .startsWith("c.device_id", "device", filter.deviceId());
        return filter.minAge() == null ? where : where.and("c.created_at <= :before", "before", Db.ts(now.minus(filter.minAge())));
    }

    /** Empty both when there is no such conflict and when it belongs to a branch the user may not see. */
    @Transactional(readOnly = true)
    public Optional<ConflictDetail> find(String conflictId) {
        UserScope scope = currentUser.require();
        return jdbc.query(DETAIL, Map.of("id", conflictId), (rs, i) -> new ConflictDetail(summary(rs), rs.getString("local_data"),
                        rs.getString("server_data"), rs.getString("suggested_fix"), rs.getString("final_document"),
                        rs.getString("resolution_comment"), rs.getString("outcome"), rs.getObject("booked_id", Long.class)))
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
                SELECT 'detected' AS action, NULL AS strategy, CONCAT('device:', c.device_id) AS actor, NULL AS comment,
                       NULL AS document, c.created_at AS at, c.branch_id, 0 AS line, 0 AS eid
                FROM offline_conflicts c WHERE c.conflict_id = :id
                UNION ALL
                SELECT 'resolved', c.resolution_strategy, c.resolved_by_name, 'settled by the branch''s policy', """
                        + ConflictSql.FINAL_DATA + """
                       , c.resolved_at, c.branch_id, 1, 0
                FROM offline_conflicts c WHERE c.conflict_id = :id AND c.status = 'resolved' AND c.auto_resolved
                  AND NOT EXISTS (SELECT 1 FROM conflict_events x WHERE x.conflict_pk = c.id AND x.action = 'resolved')
                UNION ALL
                SELECT e.action, e.strategy, e.actor, e.comment,
                       COALESCE(e.document, CASE WHEN e.action = 'resolved' THEN""" + ConflictSql.FINAL_DATA + """
                        END), e.at, c.branch_id, 1, e.id
                FROM conflict_events e JOIN offline_conflicts c ON c.id = e.conflict_pk
                WHERE c.conflict_id = :id AND e.action <> 'detected'
                ORDER BY at, line, eid""",
                Map.of("id", conflictId), (rs, i) -> scope.mayAccess(rs.getLong("branch_id"))
                        ? new ConflictEvent(rs.getString("action"), rs.getString("strategy"), rs.getString("actor"),
                        rs.getString("comment"), rs.getString("document"), Db.instant(rs, "at"))
                        : null).stream().filter(Objects::nonNull).toList();
    }

    /** Open conflicts of the user's branches: how many and since when the oldest waits. */
    @Transactional(readOnly = true)
    public Backlog backlog() {
        Where where = currentUser.require().restrict(new Where(), "c.branch_id", null).andIf(true, "c.status IN ('open', 'held')");
        if (where.matchesNothing()) {
            return new Backlog(0, null);
        }
        return jdbc.queryForObject("SELECT COUNT(*) AS waiting, MIN(c.created_at) AS oldest FROM offline_conflicts c" + where.sql(),
                where.params(), (rs, i) -> new Backlog(rs.getLong("waiting"), Db.instant(rs, "oldest")));
    }

    public record Backlog(long open, Instant oldest) {
    }

    private ConflictSummary summary(ResultSet rs) throws SQLException {
        long branchId = rs.getLong("branch_id");
        return new ConflictSummary(rs.getString("conflict_id"), ItemKind.fromWire(rs.getString("item_type")),
                rs.getString("offline_reference"), ConflictType.fromWire(rs.getString("conflict_type")), rs.getString("reason"),
                ConflictStatus.fromWire(rs.getString("status")), branchId, catalog.codes(branchId).branchCode(),
                rs.getString("device_id"), Db.instant(rs, "created_at"), Db.instant(rs, "resolved_at"),
                rs.getString("resolution_strategy"), rs.getBoolean("auto_resolved"), rs.getString("resolved_by_name"));
    }
}
