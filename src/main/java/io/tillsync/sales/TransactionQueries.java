package io.tillsync.sales;

import io.tillsync.base.Db;
import io.tillsync.base.Where;
import io.tillsync.catalog.Branch;
import io.tillsync.devices.DeviceService;
import io.tillsync.security.CurrentUser;
import io.tillsync.security.UserScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The back-office's reads of sales, built for millions of rows. Every page is "newest first by
 * till time" and walks an index in that order: (branch_id, created_at_device) for one branch,
 * (device_pk, created_at_device) for one till, (created_at_device) for all, so the first page
 * costs the same on a day-old and a year-old database. Later pages continue from the last row seen
 * (keyset) instead of counting past skipped rows. A manager of several branches gets one ordered
 * walk per branch, merged here, because an IN list would make MariaDB sort every matching row.
 */
@Service
public class TransactionQueries {

    private static final String COLUMNS = """
            SELECT t.id, t.transaction_code, t.offline_reference, t.device_id, t.branch_id, t.created_at_device, t.received_at,
                   t.is_offline, t.payment_method, t.grand_total, t.status, t.conflict_id""";
    private static final String DETAIL_COLUMNS = ", t.subtotal, t.discount_total, t.tax_total, t.price_variance, t.gateway_reference, t.raw_json";

    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final DeviceService devices;
    private final SaleParts parts;

    TransactionQueries(NamedParameterJdbcTemplate jdbc, CurrentUser currentUser, DeviceService devices, SaleParts parts) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.devices = devices;
        this.parts = parts;
    }

    /**
     * A page of sales. With {@code after} (the key of the last row of the previous page) the page
     * starts right after it and the page's offset is ignored.
     */
    @Transactional(readOnly = true)
    public Slice<TransactionRow> list(TransactionFilter filter, Pageable page, TransactionRow.Keyset after) {
        UserScope scope = currentUser.require();
        List<Long> branches = scope.branchesWithin(filter.branchId());
        if (branches != null && branches.isEmpty()) {
            return new SliceImpl<>(List.of(), page, false);
        }
        Long devicePk = null;
        if (filter.deviceId() != null) {
            devicePk = devices.pkOf(filter.deviceId()).orElse(-1L);
        }
        int want = page.getPageSize() + 1;
        long skip = after == null ? page.getOffset() : 0;
        List<TransactionRow> rows;
        if (branches == null || branches.size() == 1 || devicePk != null) {
            rows = walk(filter, branches, devicePk, after, skip, want);
        } else {
            // one ordered walk per branch, each long enough for the page, merged newest first
            rows = new ArrayList<>();
            for (Long b : branches) {
                rows.addAll(walk(filter, List.of(b), null, after, 0, (int) (skip + want)));
            }
            rows.sort(NEWEST_FIRST);
            rows = rows.subList((int) Math.min(skip, rows.size()), (int) Math.min(skip + want, rows.size()));
        }
        boolean more = rows.size() > page.getPageSize();
        return new SliceImpl<>(more ? rows.subList(0, page.getPageSize()) : rows, page, more);
    }

    /** Streams every matching row, newest first, page by page, for the CSV export. */
    @Transactional(readOnly = true)
    public void forEach(TransactionFilter filter, int max, Consumer<TransactionRow> sink) {
        TransactionRow.Keyset after = null;
        int sent = 0;
        while (sent < max) {
            Slice<TransactionRow> slice = list(filter, org.springframework.data.domain.PageRequest.of(0, Math.min(1000, max - sent)), after);
            slice.forEach(sink);
            sent += slice.getNumberOfElements();
            if (!slice.hasNext() || slice.isEmpty()) {
                return;
            }
            after = slice.getContent().getLast().key();
        }
    }

    private static final Comparator<TransactionRow> NEWEST_FIRST = Comparator.comparing(TransactionRow::createdAtDevice)
            .thenComparingLong(TransactionRow::id).reversed();

    private List<TransactionRow> walk(TransactionFilter f, List<Long> branches, Long devicePk, TransactionRow.Keyset after,
                                      long skip, int limit) {
        List<Long> ids = f.search() == null ? null : matching(f.search());
        Where where = where(f, branches, devicePk, after, ids);
        if (where.matchesNothing()) {
            return List.of();
        }
        where.bind("limit", limit).bind("offset", skip);
        return jdbc.query(COLUMNS + " FROM transactions t" + where.sql() + " ORDER BY t.created_at_device DESC, t.id DESC LIMIT :limit OFFSET :offset",
                where.params(), (rs, i) -> row(rs));
    }

    /** One walk's conditions: one till, or some branches (null: all), the filter's fields, after the last row seen. */
    static Where where(TransactionFilter f, List<Long> branches, Long devicePk, TransactionRow.Keyset after, List<Long> searchIds) {
        Where where = new Where().and("t.device_pk = :pk", "pk", devicePk);
        if (branches != null && branches.size() == 1) {
            where.and("t.branch_id = :branch", "branch", branches.getFirst());
        } else {
            where.in("t.branch_id", "branch", branches);
        }
        where.and("t.created_at_device >= :from", "from", Db.ts(f.from()))
                .and("t.created_at_device < :to", "to", Db.ts(f.to()));
        if (after != null) {
            where.and("(t.created_at_device < :afterAt OR (t.created_at_device = :afterAt AND t.id < :afterId))", "afterAt",
                    Db.ts(after.createdAtDevice())).bind("afterId", after.id());
        }
        return where.and("t.status = :status", "status", f.status())
                .and("t.is_offline = :offline", "offline", f.offline())
                .and("t.payment_method = :method", "method", f.paymentMethod())
                .in("t.id", "ids", searchIds);
    }

    /**
     * Sales whose code or offline reference starts with the text: two range scans on their own
     * indexes, so a search never falls back to walking the whole table in date order.
     */
    private List<Long> matching(String search) {
        String q = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.queryForList("(SELECT id FROM transactions WHERE transaction_code LIKE :q LIMIT 1000) UNION "
                + "(SELECT id FROM transactions WHERE offline_reference LIKE :q LIMIT 1000)", Map.of("q", q), Long.class);
    }

    /** The tills' names by device id, from the device registry. */
    Map<String, String> deviceNames(List<String> deviceIds) {
        return devices.names(deviceIds);
    }

    /** Empty both for an unknown sale and for one of a branch the user may not see. */
    @Transactional(readOnly = true)
    public Optional<TransactionDetail> find(long id) {
        UserScope scope = currentUser.require();
        Map<String, Long> key = Map.of("id", id);
        record Found(TransactionRow row, SaleParts.Amounts amounts, String gatewayReference, String rawJson) {
        }
        return jdbc.query(COLUMNS + DETAIL_COLUMNS + " FROM transactions t WHERE t.id = :id",
                        key, (rs, i) -> new Found(row(rs), new SaleParts.Amounts(rs.getBigDecimal("subtotal"),
                                rs.getBigDecimal("discount_total"), rs.getBigDecimal("tax_total"), rs.getBigDecimal("price_variance")),
                                rs.getString("gateway_reference"), rs.getString("raw_json")))
                .stream().filter(f -> scope.mayAccess(f.row().branchId())).findFirst().map(f -> {
                    TransactionRow row = f.row();
                    Optional<Branch> branch = parts.branch(row.branchId());
                    SaleParts.Amounts a = f.amounts();
                    return new TransactionDetail(row, branch.map(Branch::code).orElse(""), branch.map(Branch::name).orElse(null),
                            devices.names(List.of(row.deviceId())).get(row.deviceId()), a.subtotal(), a.discount(), a.tax(), a.variance(),
                            f.gatewayReference(), f.rawJson(), parts.lines(List.of(id)).getOrDefault(id, List.of()),
                            jdbc.query("SELECT offline_id, method, amount, gateway_reference, paid_at_device FROM payments "
                                    + "WHERE transaction_id = :id ORDER BY paid_at_device", key, (rs, i) -> new TransactionDetail.Payment(
                                    rs.getString("offline_id"), rs.getString("method"), rs.getBigDecimal("amount"),
                                    rs.getString("gateway_reference"), Db.instant(rs, "paid_at_device"))),
                            jdbc.query("SELECT offline_id, reason, voided_at_device FROM voids WHERE transaction_id = :id", key,
                                    (rs, i) -> new TransactionDetail.Void(rs.getString("offline_id"), rs.getString("reason"),
                                            Db.instant(rs, "voided_at_device"))),
                            parts.movements(id),
                            conflictIds(row), row.replaced() ? replacedBy(row) : null);
                });
    }

    /**
     * The sale booked in place of a replaced one: the next sale of the same till under the same
     * till reference, itself perhaps replaced later.
     */
    @Transactional(readOnly = true)
    public String replacedBy(TransactionRow replaced) {
        String ref = replaced.tillReference();
        return jdbc.queryForList("SELECT transaction_code FROM transactions WHERE device_id = :d AND id > :id "
                        + "AND (offline_reference = :ref OR offline_reference LIKE :marked) ORDER BY id LIMIT 1",
                new MapSqlParameterSource("d", replaced.deviceId()).addValue("id", replaced.id()).addValue("ref", ref)
                        .addValue("marked", ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                                + TransactionRow.REPLACED_MARK + "%"), String.class)
                .stream().findFirst().orElse(null);
    }

    /** The conflict the sale was booked from, and any raised against the same offline item. */
    private List<String> conflictIds(TransactionRow row) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        if (row.conflictId() != null) {
            ids.add(row.conflictId());
        }
        ids.addAll(jdbc.queryForList("SELECT conflict_id FROM offline_conflicts WHERE offline_reference = :ref AND device_id = :d",
                Map.of("ref", row.tillReference(), "d", row.deviceId()), String.class));
        return List.copyOf(ids);
    }

    /**
     * Rows stay in each open grid's session for as long as they are in view: the till, the payment
     * method and the status repeat on almost every row, so all rows share one copy of each.
     */
    private static TransactionRow row(ResultSet rs) throws SQLException {
        return new TransactionRow(rs.getLong("id"), rs.getString("transaction_code"), rs.getString("offline_reference"),
                shared(rs.getString("device_id")), rs.getLong("branch_id"), Db.instant(rs, "created_at_device"),
                Db.instant(rs, "received_at"), rs.getBoolean("is_offline"), shared(rs.getString("payment_method")),
                rs.getBigDecimal("grand_total"), shared(rs.getString("status")), rs.getString("conflict_id"));
    }

    private static String shared(String value) {
        return value == null ? null : value.intern();
    }
}
