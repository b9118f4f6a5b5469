package io.tillsync.support.soak;

import io.tillsync.support.soak.SoakSale.Kind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The end of a soak phase: the database against the tills' ledgers and the manager's decisions.
 * Every answered sale is stored once under the id its till knows, with the lines sold (or merged);
 * a sale made to wait (bad total, unknown product) has exactly one conflict, a plain one none, a
 * sale of a product that ran out at most one, settled by policy where the branch allows it; every
 * resolution shows as decided (strategy, booked or rejected, booked id); nothing the manager
 * rejected or left open is booked; stock of every product of both branches = start − booked +
 * voided, and below zero in the branch that forbids it only by what a manager booked there.
 */
public final class SoakLedger {

    /**
     * What a phase's check found. {@code sales} counts the answered sales; {@code unaccounted}
     * the conflicts the ledgers do not account for (a conflict where none may be, a second one,
     * one whose state is not what was told or decided); {@code lineMismatches} the sales stored
     * with other lines than were sold or merged. The rest is what the manager's work came to.
     */
    public record Figures(long sales, long voids, long lost, long doubled, long unacknowledged, long stockMismatches, long unaccounted,
                          long lineMismatches, long conflictedSales, long settledByPolicy, long rejected, long leftOpen, long refusals,
                          Map<String, Long> resolvedBy) {

        public static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());

        /** Both phases' figures together. */
        public Figures plus(Figures o) {
            Map<String, Long> resolved = new TreeMap<>(resolvedBy);
            o.resolvedBy.forEach((k, v) -> resolved.merge(k, v, Long::sum));
            return new Figures(sales + o.sales, voids + o.voids, lost + o.lost, doubled + o.doubled, unacknowledged + o.unacknowledged,
                    stockMismatches + o.stockMismatches, unaccounted + o.unaccounted, lineMismatches + o.lineMismatches,
                    conflictedSales + o.conflictedSales, settledByPolicy + o.settledByPolicy, rejected + o.rejected,
                    leftOpen + o.leftOpen, refusals + o.refusals, Collections.unmodifiableMap(resolved));
        }
    }

    private record Row(long id, String reference, boolean voided, String conflictId, String branch, Map<Long, Integer> lines) {
    }

    private record ConflictRow(String itemType, String conflictId, String reason, String status, String strategy, boolean autoResolved,
                               String outcome, Long bookedId) {
    }

    private final String phase;
    private final String devices;
    private final List<String> problems;
    private final Map<String, Row> stored = new HashMap<>();
    private final Map<String, Integer> copies = new HashMap<>();
    private final Map<String, List<ConflictRow>> conflicts = new HashMap<>();
    /** What managers booked, keyed "branch/product": the only way below zero where a branch forbids it. */
    private final Map<String, Integer> bookedByManagers = new HashMap<>();
    private long lineMismatches;
    private long conflictedSales;
    private long settledByPolicy;
    private long rejected;
    private long leftOpen;
    private long refusals;
    private final Map<String, Long> resolvedBy = new TreeMap<>();
    private long unaccounted;

    /** The check of a phase whose tills' device ids start with {@code devicePrefix}; what is wrong goes to {@code problems}. */
    public SoakLedger(String phase, String devicePrefix, List<String> problems) {
        this.phase = phase;
        this.devices = devicePrefix + "%";
        this.problems = problems;
    }

    /** The database against the tills' ledgers and the stock before the phase. */
    public Figures check(SoakShop.Database db, List<SoakSale> ledger, Map<String, BigDecimal> stockBefore) throws SQLException {
        load(db);
        return check(ledger, stockBefore, SoakShop.stock(db));
    }

    private void load(SoakShop.Database db) throws SQLException {
        try (Connection c = db.connect()) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT t.offline_id, t.id, t.offline_reference, t.status, t.conflict_id, "
                    + "b.code, i.product_id, i.quantity FROM transactions t JOIN branches b ON b.id = t.branch_id "
                    + "JOIN transaction_items i ON i.transaction_id = t.id WHERE t.device_id LIKE '" + devices + "'")) {
                while (rs.next()) {
                    Row row = stored.get(rs.getString(1));
                    if (row == null) {
                        copies.merge(rs.getString(3), 1, Integer::sum);
                        row = new Row(rs.getLong(2), rs.getString(3), "voided".equals(rs.getString(4)), rs.getString(5), rs.getString(6),
                                new TreeMap<>());
                        stored.put(rs.getString(1), row);
                    }
                    row.lines().merge(rs.getLong(7), rs.getBigDecimal(8).intValueExact(), Integer::sum);
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT offline_id, item_type, conflict_id, reason, status, "
                    + "resolution_strategy, auto_resolved, outcome, booked_id FROM offline_conflicts WHERE device_id LIKE '" + devices + "'")) {
                while (rs.next()) {
                    long booked = rs.getLong(9);
                    conflicts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ConflictRow(rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.wasNull() ? null : booked));
                }
            }
        }
    }

    private Figures check(List<SoakSale> ledger, Map<String, BigDecimal> stockBefore, Map<String, BigDecimal> stockAfter) {
        long sales = 0;
        long voids = 0;
        long lost = 0;
        long doubled = copies.values().stream().filter(n -> n > 1).count();
        long unacknowledged = 0;
        Map<String, BigDecimal> expected = new HashMap<>(stockBefore);
        Set<String> known = new HashSet<>();
        for (SoakSale s : ledger) {
            known.add(s.offlineId);
            if (!s.answered) {
                unacknowledged++;
                problems.add(phase + ": never answered " + s.reference);
                continue;
            }
            sales++;
            Row row = stored.get(s.offlineId);
            List<ConflictRow> cs = conflicts.getOrDefault(s.offlineId, List.of());
            if (cs.size() > 1) {
                wrong(s, cs.size() + " conflicts");
            }
            Map<Long, Integer> lines = cs.isEmpty() ? plain(s) : conflicted(s, cs.getFirst(), row);
            if (lines == null) {
                if (row != null) {
                    doubled++;
                    problems.add(phase + ": " + s.reference + " is booked as " + row.id() + " though its conflict is not");
                }
                continue;
            }
            if (row == null) {
                lost++;
                problems.add(phase + ": answered or resolved as booked but not stored " + s.reference);
                continue;
            }
            if (s.serverId != null && row.id() != s.serverId) {
                doubled++;
                problems.add(phase + ": " + s.reference + " known as " + s.serverId + ", stored as " + row.id());
            }
            if (!row.lines().equals(lines)) {
                lineMismatches++;
                problems.add(phase + ": " + s.reference + " lines " + row.lines() + " but booked should be " + lines);
            }
            if (!row.branch().equals(s.branch)) {
                wrong(s, "stored in " + row.branch());
            }
            lines.forEach((p, q) -> expected.merge(s.branch + "/" + p, BigDecimal.valueOf(-q), BigDecimal::add));
            if (s.voidAcked) {
                voids++;
                lines.forEach((p, q) -> expected.merge(s.branch + "/" + p, BigDecimal.valueOf(q), BigDecimal::add));
            }
            if (s.voidAcked != row.voided()) {
                problems.add(phase + ": " + s.reference + " voided on the till " + s.voidAcked + ", on the server " + row.voided());
                if (s.voidAcked) {
                    lost++;
                } else {
                    unacknowledged++;
                }
            }
        }
        for (String offlineId : stored.keySet()) {
            if (!known.contains(offlineId)) {
                doubled++;
                problems.add(phase + ": stored sale no till sold: " + offlineId);
            }
        }
        conflicts.forEach((offlineId, cs) -> cs.forEach(c -> {
            if (!known.contains(offlineId) || !"transaction".equals(c.itemType())) {
                unaccounted++;
                problems.add(phase + ": conflict " + c.conflictId() + " (" + c.itemType() + ", " + c.reason() + ") of no sale a till made wait");
            }
        }));
        long stockMismatches = 0;
        for (var e : expected.entrySet()) {
            BigDecimal now = stockAfter.getOrDefault(e.getKey(), BigDecimal.ZERO);
            if (now.compareTo(e.getValue()) != 0) {
                stockMismatches++;
                problems.add(phase + ": stock of " + e.getKey() + " is " + now + ", ledgers say " + e.getValue());
            } else if (e.getKey().startsWith(SoakShop.FORBIDS + "/")
                    && now.add(BigDecimal.valueOf(bookedByManagers.getOrDefault(e.getKey(), 0))).signum() < 0) {
                stockMismatches++;
                problems.add(phase + ": stock of " + e.getKey() + " is " + now + ", below zero where the branch forbids it");
            }
        }
        return new Figures(sales, voids, lost, doubled, unacknowledged, stockMismatches, unaccounted, lineMismatches, conflictedSales,
                settledByPolicy, rejected, leftOpen, refusals, Collections.unmodifiableMap(new TreeMap<>(resolvedBy)));
    }

    /** No conflict: only a plain sale, or one of a product that did not run out for it, may have none. */
    private Map<Long, Integer> plain(SoakSale s) {
        if (s.kind == Kind.BAD_TOTAL || s.kind == Kind.UNKNOWN) {
            wrong(s, "no conflict, though it was made to wait");
        }
        if (s.conflictId != null) {
            wrong(s, "the till was told of conflict " + s.conflictId + ", the database has none");
        }
        return s.quantities;
    }

    /** The lines the conflict's outcome must have booked, null when nothing may be booked. */
    private Map<Long, Integer> conflicted(SoakSale s, ConflictRow c, Row row) {
        conflictedSales++;
        String reason = switch (s.kind) {
            case BAD_TOTAL -> "grand_total_mismatch";
            case UNKNOWN -> "unknown_product";
            case LIMITED -> "insufficient_stock";
            case PLAIN -> null;
        };
        if (!c.reason().equals(reason)) {
            wrong(s, "a conflict for " + c.reason() + " where " + (reason == null ? "none may be" : reason + " was due"));
        }
        if (!c.conflictId().equals(s.conflictId)) {
            wrong(s, "conflict " + c.conflictId() + " but the till was told " + s.conflictId);
        }
        Map<Long, Integer> lines;
        if (s.kind == Kind.LIMITED && s.branch.equals(SoakShop.ALLOWS)) {
            // the branch allows selling below zero: its policy books the sale at once
            settledByPolicy++;
            if (!c.autoResolved() || !"resolved".equals(c.status()) || !"booked".equals(c.outcome())) {
                wrong(s, "not settled by policy: " + c);
            }
            lines = s.quantities;
        } else {
            if (c.autoResolved()) {
                wrong(s, "settled by a policy that must not settle it: " + c);
            }
            SoakSale.Decision d = s.decision;
            if (d == null) {
                wrong(s, "its conflict never reached the manager");
                return null;
            }
            if (d.open()) {
                leftOpen++;
                if (!"open".equals(c.status())) {
                    wrong(s, "left open but " + c);
                }
                return null;
            }
            refusals += (d.keepLocalRefused() ? 1 : 0) + (d.secondRefused() ? 1 : 0);
            String outcome = d.booked() == null ? "rejected" : "booked";
            if (!"resolved".equals(c.status()) || !d.strategy().equals(c.strategy()) || !outcome.equals(c.outcome())) {
                wrong(s, "resolved with " + d.strategy() + " (" + outcome + ") but the database has " + c);
            }
            if (d.booked() == null) {
                rejected++;
            } else {
                resolvedBy.merge(d.strategy(), 1L, Long::sum);
                d.booked().forEach((p, q) -> bookedByManagers.merge(s.branch + "/" + p, q, Integer::sum));
            }
            lines = d.booked();
        }
        if (lines != null && row != null && (!Objects.equals(c.bookedId(), row.id()) || !c.conflictId().equals(row.conflictId()))) {
            wrong(s, "booked as " + row.id() + " with conflict " + row.conflictId() + ", the conflict says " + c);
        }
        return lines;
    }

    private void wrong(SoakSale s, String what) {
        unaccounted++;
        problems.add(phase + ": " + s.reference + " (" + s.kind + ", " + s.branch + "): " + what);
    }
}
