package io.tillsync.sales.booking;

import io.tillsync.base.Db;
import io.tillsync.base.IdAllocator;
import io.tillsync.catalog.ChangeFeed;
import io.tillsync.catalog.ResolutionPolicy;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.ItemKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conflict rows for the sync path: bulk lookups by item, bulk inserts, and settling. Telling the
 * branch's devices (the change feed) is a separate step, {@link #announce}, which the caller takes
 * once, last in its transaction: the feed's counter row is the hottest row of a branch and is held
 * only for the moment before the commit.
 */
@Service
class ConflictStore {

    public static final String POLICY_ACTOR = "policy";

    private static final String COLUMNS = """
            SELECT id, conflict_id, item_type, offline_id, offline_reference, local_fingerprint, conflict_type, reason, status,
                   resolution_strategy, auto_resolved, outcome, booked_id, branch_id, device_pk, local_data, server_data,
                   suggested_fix, related_offline_id, device_id
            FROM offline_conflicts""";
    private static final RowMapper<StoredConflict> ROW = (rs, i) -> new StoredConflict(rs.getLong("id"), rs.getString("conflict_id"),
            ItemKind.fromWire(rs.getString("item_type")), rs.getString("offline_id"), rs.getString("offline_reference"),
            rs.getString("local_fingerprint"), ConflictType.fromWire(rs.getString("conflict_type")), rs.getString("reason"),
            rs.getString("status"), rs.getString("resolution_strategy"), rs.getBoolean("auto_resolved"), rs.getString("outcome"),
            rs.getObject("booked_id", Long.class), rs.getLong("branch_id"), rs.getLong("device_pk"), rs.getString("local_data"),
            rs.getString("server_data"), rs.getString("suggested_fix"), rs.getString("related_offline_id"), rs.getString("device_id"));
    private static final String INSERT_EVENT = """
            INSERT INTO conflict_events (conflict_pk, action, strategy, actor, actor_user_id, comment, document, at)
            VALUES (:c, :a, :s, :actor, :uid, :comment, :doc, :at)""";

    private final NamedParameterJdbcTemplate jdbc;
    private final ChangeFeed feed;
    private final IdAllocator ids;

    ConflictStore(NamedParameterJdbcTemplate jdbc, ChangeFeed feed, IdAllocator ids) {
        this.jdbc = jdbc;
        this.feed = feed;
        this.ids = ids;
    }

    /** Conflicts of these items, keyed by offline id. */
    public Map<String, StoredConflict> findByItems(ItemKind kind, Collection<String> offlineIds) {
        Map<String, StoredConflict> result = new HashMap<>();
        if (offlineIds.isEmpty()) {
            return result;
        }
        jdbc.query(COLUMNS + " WHERE item_type = :type AND offline_id IN (:ids)", Map.of("type", kind.wire(), "ids", offlineIds), ROW)
                .forEach(c -> result.put(c.offlineId(), c));
        return result;
    }

    public Optional<StoredConflict> find(String conflictId) {
        return jdbc.query(COLUMNS + " WHERE conflict_id = :id", Map.of("id", conflictId), ROW).stream().findFirst();
    }

    /** Locks the conflict row for the rest of the transaction, so it is resolved once. */
    public Optional<StoredConflict> findForUpdate(String conflictId) {
        return jdbc.query(COLUMNS + " WHERE conflict_id = :id FOR UPDATE", Map.of("id", conflictId), ROW).stream().findFirst();
    }

    /** Held voids and payments waiting for one of these sales, locked so only one batch releases each. */
    public List<StoredConflict> heldFor(Collection<String> saleOfflineIds) {
        if (saleOfflineIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(COLUMNS + " WHERE related_offline_id IN (:ids) AND status = 'held' ORDER BY id FOR UPDATE",
                Map.of("ids", saleOfflineIds), ROW);
    }

    /**
     * Records conflicts in one statement, however many there are, their keys from the id blocks. A
     * branch that sells below zero settles a conflict for every sale, so every row written here
     * costs every such sale. The row is its own audit trail as far as it goes: its detection, and
     * a policy's settling at once ({@link ConflictQueries#history} reads both from it); a document
     * kept as sent is not stored a second time.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void insertAll(List<NewConflict> conflicts, Instant now) {
        if (conflicts.isEmpty()) {
            return;
        }
        List<MapSqlParameterSource> rows = new ArrayList<>(conflicts.size());
        for (NewConflict c : conflicts) {
            rows.add(row(ids.next("entity_ids"), c, now));
        }
        jdbc.batchUpdate("""
                INSERT INTO offline_conflicts (id, conflict_id, offline_id, item_type, offline_reference, conflict_type, reason,
                  local_data, server_data, suggested_fix, local_fingerprint, branch_id, device_pk, device_id, related_offline_id,
                  status, resolution_strategy, auto_resolved, outcome, final_data, resolved_at, resolved_by_name, booked_id,
                  created_at, updated_at)
                VALUES (:pk, :cid, :oid, :type, :ref, :ctype, :reason, :local, :server, :fix, :fp, :branch, :dpk, :did, :related,
                  :status, :strategy, :auto, :outcome, :final, :resolvedAt, :by, :booked, :now, :now)""",
                rows.toArray(MapSqlParameterSource[]::new));
    }

    /** Settles a conflict. The caller announces it to the branch's devices with {@link #announce}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void resolve(StoredConflict c, Decision decision, String actor, Long actorUserId, String comment, Instant now) {
        jdbc.update("""
                UPDATE offline_conflicts SET status = 'resolved', resolution_strategy = :strategy, outcome = :outcome,
                  booked_id = :booked, final_data = :final, auto_resolved = :auto, resolved_at = :now, resolved_by = :uid,
                  resolved_by_name = :actor, resolution_comment = :comment, updated_at = :now, version = version + 1
                WHERE id = :id AND status <> 'resolved'""", new MapSqlParameterSource()
                .addValue("strategy", decision.strategy()).addValue("outcome", decision.outcome())
                .addValue("booked", decision.bookedId()).addValue("final", decision.finalData())
                .addValue("auto", POLICY_ACTOR.equals(actor)).addValue("now", Db.ts(now)).addValue("uid", actorUserId)
                .addValue("actor", actor).addValue("comment", truncate(comment, 500)).addValue("id", c.id()));
        jdbc.update(INSERT_EVENT, event(c.id(), "resolved", decision.strategy(), actor, actorUserId, comment, decision.finalData(), now));
    }

    /** How a conflict was settled: the strategy, whether something was booked (and what), and the final document. */
    public record Decision(String strategy, String outcome, Long bookedId, String finalData) {

        public static Decision booked(String strategy, long bookedId, String finalData) {
            return new Decision(strategy, StoredConflict.OUTCOME_BOOKED, bookedId, finalData);
        }

        public static Decision rejected(String strategy, String finalData) {
            return new Decision(strategy, StoredConflict.OUTCOME_REJECTED, null, finalData);
        }
    }

    /** A held item that can no longer settle by itself: it now waits for a person. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reopen(StoredConflict c, NewConflict.Finding now, Instant at) {
        // what it is now found to be: a payment held for its sale that then pays more than the sale is the
        // same data mismatch, with the same advice, as one that came after the sale
        jdbc.update("UPDATE offline_conflicts SET status = 'open', conflict_type = :ctype, reason = :reason, server_data = :server, "
                        + "suggested_fix = :fix, updated_at = :now, version = version + 1 WHERE id = :id AND status = 'held'",
                new MapSqlParameterSource().addValue("ctype", now.type().wire()).addValue("reason", now.reason())
                        .addValue("server", now.serverData()).addValue("fix", now.suggestedFix())
                        .addValue("now", Db.ts(at)).addValue("id", c.id()));
        jdbc.update(INSERT_EVENT, event(c.id(), "reopened", null, POLICY_ACTOR, null, now.reason(), null, at));
    }

    /** Tells the branch's devices, through their next pull, that these conflicts were settled. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void announce(long branchId, Collection<String> conflictIds) {
        feed.record(branchId, ChangeFeed.CONFLICT, conflictIds);
    }

    private static MapSqlParameterSource row(long pk, NewConflict c, Instant now) {
        boolean auto = c.autoResolved();
        NewConflict.Item item = c.item();
        return new MapSqlParameterSource().addValue("pk", pk)
                .addValue("cid", c.conflictId()).addValue("oid", item.offlineId()).addValue("type", item.kind().wire())
                .addValue("ref", item.offlineReference() == null ? "" : item.offlineReference())
                .addValue("ctype", c.finding().type().wire()).addValue("reason", c.finding().reason())
                .addValue("local", item.localData()).addValue("server", c.finding().serverData())
                .addValue("fix", truncate(c.finding().suggestedFix(), 500)).addValue("fp", item.fingerprint())
                .addValue("branch", c.origin().branchId()).addValue("dpk", c.origin().devicePk())
                .addValue("did", c.origin().deviceId()).addValue("related", item.relatedOfflineId())
                .addValue("status", c.status()).addValue("strategy", auto ? c.settlement().strategy() : null)
                .addValue("auto", auto).addValue("outcome", auto ? StoredConflict.OUTCOME_BOOKED : null)
                // kept as sent: the final document is the local one, read as such (ConflictQueries.FINAL_DATA)
                .addValue("final", auto && !keptAsSent(c) ? c.settlement().finalData() : null).addValue("resolvedAt", auto ? Db.ts(now) : null)
                .addValue("by", auto ? POLICY_ACTOR : null).addValue("booked", auto ? c.settlement().bookedId() : null)
                .addValue("now", Db.ts(now));
    }

    /** An audit line; without a document, history shows the conflict's final one for a resolution. */
    private static MapSqlParameterSource event(long conflictPk, String action, String strategy, String actor, Long userId,
                                               String comment, String document, Instant at) {
        return new MapSqlParameterSource().addValue("c", conflictPk).addValue("a", action).addValue("s", strategy)
                .addValue("actor", actor).addValue("uid", userId).addValue("comment", truncate(comment, 500))
                .addValue("doc", document).addValue("at", Db.ts(at));
    }

    private static boolean keptAsSent(NewConflict c) {
        return ResolutionPolicy.KEEP_LOCAL.wire().equals(c.settlement().strategy())
                && c.item().localData().equals(c.settlement().finalData());
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
