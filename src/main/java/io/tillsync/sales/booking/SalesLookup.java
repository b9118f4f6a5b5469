package io.tillsync.sales.booking;

import io.tillsync.sales.ItemKind;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/** Bulk lookups of what is already stored, one query per kind and batch, keyed by offline id. */
@Service
class SalesLookup {

    private static final String SALE_COLUMNS = """
            SELECT t.id, t.offline_id, t.transaction_code, t.fingerprint, t.status, t.device_id, t.offline_reference,
                   t.branch_id, t.grand_total, COALESCE((SELECT SUM(p.amount) FROM payments p WHERE p.transaction_id = t.id), 0) AS paid
            FROM transactions t""";
    private static final RowMapper<StoredSale> SALE = (rs, i) -> new StoredSale(rs.getLong("id"), rs.getString("offline_id"),
            rs.getString("transaction_code"), rs.getString("fingerprint"), rs.getString("status"), rs.getString("device_id"),
            rs.getString("offline_reference"), rs.getLong("branch_id"), rs.getBigDecimal("grand_total"), rs.getBigDecimal("paid"));

    private final NamedParameterJdbcTemplate jdbc;

    SalesLookup(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, StoredSale> salesByOfflineIds(Collection<String> offlineIds) {
        return salesByOfflineIds(offlineIds, false);
    }

    /**
     * With {@code lock}, the sales stay locked until the caller's transaction ends and are read
     * as last committed: two payments or voids of one sale in two requests at once are checked
     * one after the other, never both against the same paid total.
     */
    Map<String, StoredSale> salesByOfflineIds(Collection<String> offlineIds, boolean lock) {
        if (offlineIds.isEmpty()) {
            return new HashMap<>();
        }
        if (!lock) {
            return byKey(jdbc.query(SALE_COLUMNS + " WHERE t.offline_id IN (:ids)", Map.of("ids", offlineIds), SALE));
        }
        List<StoredSale> locked = jdbc.query(SALE_COLUMNS + " WHERE t.offline_id IN (:ids) ORDER BY t.id FOR UPDATE",
                Map.of("ids", offlineIds), SALE);
        if (locked.isEmpty()) {
            return new HashMap<>();
        }
        // the paid totals again as a locking read: a plain read would see the transaction's older snapshot
        Map<Long, java.math.BigDecimal> paid = new HashMap<>();
        jdbc.query("SELECT transaction_id, SUM(amount) AS paid FROM payments WHERE transaction_id IN (:ids) GROUP BY transaction_id "
                + "LOCK IN SHARE MODE", Map.of("ids", locked.stream().map(StoredSale::id).toList()),
                rs -> {
                    paid.put(rs.getLong("transaction_id"), rs.getBigDecimal("paid"));
                });
        return byKey(locked.stream().map(s -> new StoredSale(s.id(), s.offlineId(), s.transactionCode(), s.fingerprint(), s.status(),
                s.deviceId(), s.offlineReference(), s.branchId(), s.grandTotal(), paid.getOrDefault(s.id(), java.math.BigDecimal.ZERO)))
                .toList());
    }

    /**
     * The JSON the till sent for these sales, by id. Read apart from the sales themselves: only a
     * duplicate needs it, and a batch of replays would otherwise fetch every sale's document.
     */
    Map<Long, String> rawJsonByIds(Collection<Long> ids) {
        Map<Long, String> result = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.query("SELECT id, raw_json FROM transactions WHERE id IN (:ids)", Map.of("ids", ids),
                    rs -> {
                        result.put(rs.getLong("id"), rs.getString("raw_json"));
                    });
        }
        return result;
    }

    String transactionCode(long saleId) {
        return jdbc.query("SELECT transaction_code FROM transactions WHERE id = :id", Map.of("id", saleId),
                (rs, i) -> rs.getString("transaction_code")).stream().findFirst().orElse(null);
    }

    /** Whether every one of these sales is stored under this id with this offline id. */
    boolean allStored(Map<Long, String> offlineIdsById) {
        if (offlineIdsById.isEmpty()) {
            return true;
        }
        int[] matching = {0};
        jdbc.query("SELECT id, offline_id FROM transactions WHERE id IN (:ids)", Map.of("ids", offlineIdsById.keySet()),
                rs -> {
                    if (rs.getString("offline_id").equals(offlineIdsById.get(rs.getLong("id")))) {
                        matching[0]++;
                    }
                });
        return matching[0] == offlineIdsById.size();
    }

    /** Sales of a device by offline_reference, keyed by the reference. */
    Map<String, StoredSale> salesByReferences(String deviceId, Collection<String> references) {
        Map<String, StoredSale> result = new HashMap<>();
        if (references.isEmpty()) {
            return result;
        }
        jdbc.query(SALE_COLUMNS + " WHERE t.device_id = :device AND t.offline_reference IN (:refs)",
                Map.of("device", deviceId, "refs", references), SALE).forEach(s -> result.put(s.offlineReference(), s));
        return result;
    }

    /** With {@code lock}, read as last committed (a locking read), not as the transaction's snapshot. */
    Map<String, StoredItem> followUpsByOfflineIds(ItemKind kind, Collection<String> offlineIds, boolean lock) {
        return items(kind == ItemKind.PAYMENT ? "payments" : "voids", offlineIds, lock);
    }

    private Map<String, StoredItem> items(String table, Collection<String> offlineIds, boolean lock) {
        Map<String, StoredItem> result = new HashMap<>();
        if (offlineIds.isEmpty()) {
            return result;
        }
        jdbc.query("SELECT id, offline_id, fingerprint, transaction_id, raw_json FROM " + table + " WHERE offline_id IN (:ids)"
                        + (lock ? " LOCK IN SHARE MODE" : ""),
                Map.of("ids", offlineIds), (rs, i) -> new StoredItem(rs.getLong("id"), rs.getString("offline_id"),
                        rs.getString("fingerprint"), rs.getLong("transaction_id"), rs.getString("raw_json")))
                .forEach(item -> result.put(item.offlineId(), item));
        return result;
    }

    private static Map<String, StoredSale> byKey(List<StoredSale> sales) {
        Map<String, StoredSale> result = new HashMap<>();
        sales.forEach(s -> result.put(s.offlineId(), s));
        return result;
    }
}
