package io.tillsync.conflicts;

import io.tillsync.base.Db;
import io.tillsync.catalog.CatalogService;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.SalesLookup;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Conflict rows for the sync path: bulk lookups by item, inserts, and settling. */
@Service
public class ConflictStore {

    public static final String POLICY_ACTOR = "policy";

    private static final String COLUMNS = """
            SELECT id, conflict_id, item_type, offline_id, offline_reference, local_fingerprint, conflict_type, reason, status,
                   resolution_strategy, auto_resolved, outcome, booked_id, branch_id, local_data, server_data, suggested_fix,
                   related_offline_id, device_id
            FROM offline_conflicts""";
    private static final RowMapper<ConflictRef> REF = (rs, i) -> new ConflictRef(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), ConflictType.fromWire(rs.getString(7)),
            rs.getString(8), rs.getString(9), rs.getString(10), rs.getBoolean(11), rs.getString(12),
            (Long) rs.getObject(13, Long.class), rs.getLong(14), rs.getString(15), rs.getString(16), rs.getString(17),
            rs.getString(18), rs.getString(19));

    private final NamedParameterJdbcTemplate jdbc;
    private final CatalogService catalog;

    ConflictStore(NamedParameterJdbcTemplate jdbc, CatalogService catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    public Map<String, ConflictRef> findByItems(String itemType, Collection<String> offlineIds) {
        Map<String, ConflictRef> result = new HashMap<>();
        if (offlineIds.isEmpty()) {
            return result;
        }
        jdbc.query(COLUMNS + " WHERE item_type = :type AND offline_id IN (:ids)", Map.of("type", itemType, "ids", offlineIds), REF)
                .forEach(c -> result.put(SalesLookup.key(c.offlineId()), c));
        return result;
    }

    public Optional<ConflictRef> find(String conflictId) {
        return jdbc.query(COLUMNS + " WHERE conflict_id = :id", Map.of("id", conflictId), REF).stream().findFirst();
    }

    /** Locks the conflict row for the rest of the transaction, so it is resolved once. */
    public Optional<ConflictRef> findForUpdate(String conflictId) {
        return jdbc.query(COLUMNS + " WHERE conflict_id = :id FOR UPDATE", Map.of("id", conflictId), REF).stream().findFirst();
    }

    /** Held voids and payments waiting for one of these sales, locked so only one batch releases each. */
    public List<ConflictRef> heldFor(Collection<String> saleOfflineIds) {
        if (saleOfflineIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(COLUMNS + " WHERE related_offline_id IN (:ids) AND status = 'held' ORDER BY id FOR UPDATE",
                Map.of("ids", saleOfflineIds), REF);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long insert(NewConflict c, Instant now) {
        boolean auto = c.autoStrategy() != null;
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("cid", c.conflictId()).addValue("oid", c.offlineId()).addValue("type", c.itemType())
                .addValue("ref", c.offlineReference() == null ? "" : c.offlineReference())
                .addValue("ctype", c.type().wire()).addValue("reason", c.reason()).addValue("local", c.localData())
                .addValue("server", c.serverData()).addValue("fix", truncate(c.suggestedFix(), 500))
                .addValue("fp", c.localFingerprint()).addValue("branch", c.branchId()).addValue("dpk", c.devicePk())
                .addValue("did", c.deviceId()).addValue("related", c.relatedOfflineId())
                .addValue("status", auto ? ConflictRef.RESOLVED : c.held() ? ConflictRef.HELD : ConflictRef.OPEN)
                .addValue("strategy", c.autoStrategy()).addValue("auto", auto)
                .addValue("outcome", auto ? ConflictRef.OUTCOME_BOOKED : null).addValue("final", c.finalData())
                .addValue("resolvedAt", auto ? Db.ts(now) : null).addValue("by", auto ? POLICY_ACTOR : null)
                .addValue("booked", c.bookedId()).addValue("now", Db.ts(now));
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO offline_conflicts (conflict_id, offline_id, item_type, offline_reference, conflict_type, reason,
                  local_data, server_data, suggested_fix, local_fingerprint, branch_id, device_pk, device_id, related_offline_id,
                  status, resolution_strategy, auto_resolved, outcome, final_data, resolved_at, resolved_by_name, booked_id,
                  created_at, updated_at)
                VALUES (:cid, :oid, :type, :ref, :ctype, :reason, :local, :server, :fix, :fp, :branch, :dpk, :did, :related,
                  :status, :strategy, :auto, :outcome, :final, :resolvedAt, :by, :booked, :now, :now)""", p, key, new String[] {"id"});
        long id = key.getKey().longValue();
        event(id, "detected", null, "device:" + c.deviceId(), null, null, null, now);
        if (auto) {
            event(id, "resolved", c.autoStrategy(), POLICY_ACTOR, null, "settled by the branch's policy", c.finalData(), now);
            // the outcome reaches the device's pull as well as its batch answer
            catalog.recordChange(c.branchId(), "conflict", c.conflictId());
        }
        return id;
    }

    /** Settles a conflict and tells the branch's devices through the change feed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void resolve(ConflictRef c, String strategy, String outcome, Long bookedId, String finalData, boolean auto,
                        String actor, Long actorUserId, String comment, Instant now) {
        jdbc.update("""
                UPDATE offline_conflicts SET status = 'resolved', resolution_strategy = :strategy, outcome = :outcome,
                  booked_id = :booked, final_data = :final, auto_resolved = :auto, resolved_at = :now, resolved_by = :uid,
                  resolved_by_name = :actor, resolution_comment = :comment, updated_at = :now, version = version + 1
                WHERE id = :id AND status <> 'resolved'""", new MapSqlParameterSource()
                .addValue("strategy", strategy).addValue("outcome", outcome).addValue("booked", bookedId)
                .addValue("final", finalData).addValue("auto", auto).addValue("now", Db.ts(now)).addValue("uid", actorUserId)
                .addValue("actor", actor).addValue("comment", truncate(comment, 500)).addValue("id", c.id()));
        event(c.id(), "resolved", strategy, actor, actorUserId, comment, finalData, now);
        catalog.recordChange(c.branchId(), "conflict", c.conflictId());
    }

    /** A held item that can no longer settle by itself: it now waits for a person. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reopen(ConflictRef c, String reason, String serverData) {
        jdbc.update("UPDATE offline_conflicts SET status = 'open', reason = :reason, server_data = :server, updated_at = :now, "
                        + "version = version + 1 WHERE id = :id AND status = 'held'",
                new MapSqlParameterSource().addValue("reason", reason).addValue("server", serverData)
                        .addValue("now", Db.ts(Instant.now())).addValue("id", c.id()));
        event(c.id(), "reopened", null, POLICY_ACTOR, null, reason, null, Instant.now());
    }

    private void event(long conflictPk, String action, String strategy, String actor, Long userId, String comment,
                       String document, Instant at) {
        jdbc.update("""
                INSERT INTO conflict_events (conflict_pk, action, strategy, actor, actor_user_id, comment, document, at)
                VALUES (:c, :a, :s, :actor, :uid, :comment, :doc, :at)""", new MapSqlParameterSource()
                .addValue("c", conflictPk).addValue("a", action).addValue("s", strategy).addValue("actor", actor)
                .addValue("uid", userId).addValue("comment", truncate(comment, 500)).addValue("doc", document)
                .addValue("at", Db.ts(at)));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
