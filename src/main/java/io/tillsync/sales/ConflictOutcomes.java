package io.tillsync.sales;

import io.tillsync.base.Db;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a till learns through its pull of how its conflicts were settled: the device path's read,
 * scoped by the device, never by a back-office user.
 */
@Service
public class ConflictOutcomes {

    /** A settled conflict as its device learns it, with the code of the sale a resolution booked. */
    public record Settled(String conflictId, String offlineId, ItemKind itemType, ConflictType conflictType, ConflictStatus status,
                          String strategy, String outcome, boolean autoResolved, Long bookedId, String transactionCode,
                          String finalData, Instant resolvedAt) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    ConflictOutcomes(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Resolved conflicts of a device: all of them (at most 1,000, oldest first) when {@code conflictIds} is null. */
    @Transactional(readOnly = true)
    public List<Settled> of(long devicePk, Collection<String> conflictIds) {
        if (conflictIds != null && conflictIds.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource p = new MapSqlParameterSource("device", devicePk);
        if (conflictIds != null) {
            p.addValue("ids", conflictIds);
        }
        List<Settled> settled = jdbc.query("""
                SELECT c.conflict_id, c.offline_id, c.item_type, c.conflict_type, c.status, c.resolution_strategy, c.outcome,
                       c.auto_resolved, c.booked_id,""" + ConflictSql.FINAL_DATA + """
                AS final_document, c.resolved_at
                FROM offline_conflicts c WHERE c.device_pk = :device AND c.status = 'resolved'"""
                        + (conflictIds == null ? "" : " AND c.conflict_id IN (:ids)") + " ORDER BY c.resolved_at LIMIT 1000",
                p, (rs, i) -> new Settled(rs.getString("conflict_id"), rs.getString("offline_id"), ItemKind.fromWire(rs.getString("item_type")),
                        ConflictType.fromWire(rs.getString("conflict_type")), ConflictStatus.fromWire(rs.getString("status")),
                        rs.getString("resolution_strategy"), rs.getString("outcome"), rs.getBoolean("auto_resolved"),
                        rs.getObject("booked_id", Long.class), null, rs.getString("final_document"), Db.instant(rs, "resolved_at")));
        Set<Long> saleIds = new HashSet<>();
        settled.stream().filter(c -> c.itemType() == ItemKind.SALE && c.bookedId() != null).forEach(c -> saleIds.add(c.bookedId()));
        Map<Long, String> codes = codes(saleIds);
        return settled.stream().map(c -> c.itemType() != ItemKind.SALE ? c : new Settled(c.conflictId(), c.offlineId(), c.itemType(),
                c.conflictType(), c.status(), c.strategy(), c.outcome(), c.autoResolved(), c.bookedId(), codes.get(c.bookedId()),
                c.finalData(), c.resolvedAt())).toList();
    }

    private Map<Long, String> codes(Set<Long> saleIds) {
        Map<Long, String> codes = new HashMap<>();
        if (!saleIds.isEmpty()) {
            jdbc.query("SELECT id, transaction_code FROM transactions WHERE id IN (:ids)", Map.of("ids", saleIds), rs -> {
                codes.put(rs.getLong("id"), rs.getString("transaction_code"));
            });
        }
        return codes;
    }
}
