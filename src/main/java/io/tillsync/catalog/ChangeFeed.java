package io.tillsync.catalog;

import java.time.Clock;
import io.tillsync.base.Db;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each branch's change feed, read by its devices' pull. The counter row stays locked until commit,
 * so change numbers of one branch commit in order and a pull never skips a change committed late.
 * It is the hottest row of a branch: callers record all of a transaction's changes in one call, as
 * the last write before the commit, which keeps the row's lock short and after every stock lock.
 */
@Service
public class ChangeFeed {

    public static final String PRODUCT = "product";
    public static final String CONFLICT = "conflict";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    ChangeFeed(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Change(long seq, String kind, String refId) {
    }

    /** Appends changes of one kind, numbered in order, with one update of the counter however many there are. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(long branchId, String kind, Collection<String> refIds) {
        if (refIds.isEmpty()) {
            return;
        }
        jdbc.update("UPDATE branches SET change_seq = change_seq + :n WHERE id = :id", Map.of("n", refIds.size(), "id", branchId));
        long last = current(branchId);
        long seq = last - refIds.size();
        Object now = Db.ts(clock.instant());
        List<MapSqlParameterSource> rows = new ArrayList<>(refIds.size());
        for (String ref : refIds) {
            rows.add(new MapSqlParameterSource().addValue("b", branchId).addValue("s", ++seq).addValue("k", kind)
                    .addValue("r", ref).addValue("t", now));
        }
        jdbc.batchUpdate("INSERT INTO branch_changes (branch_id, seq, kind, ref_id, changed_at) VALUES (:b, :s, :k, :r, :t)",
                rows.toArray(MapSqlParameterSource[]::new));
    }

    @Transactional(readOnly = true)
    public List<Change> since(long branchId, long since, int limit) {
        return jdbc.query("SELECT seq, kind, ref_id FROM branch_changes WHERE branch_id = :b AND seq > :s ORDER BY seq LIMIT :l",
                Map.of("b", branchId, "s", since, "l", limit), (rs, i) -> new Change(rs.getLong("seq"), rs.getString("kind"), rs.getString("ref_id")));
    }

    @Transactional(readOnly = true)
    public long current(long branchId) {
        Long seq = jdbc.queryForObject("SELECT change_seq FROM branches WHERE id = :id", Map.of("id", branchId), Long.class);
        return seq == null ? 0 : seq;
    }
}
