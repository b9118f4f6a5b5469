package io.tillsync.sync;

import io.tillsync.conflicts.ConflictRef;
import io.tillsync.conflicts.NewConflict;
import io.tillsync.sales.ItemError;
import io.tillsync.sales.StoredSale;
import io.tillsync.sales.WireWriter;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** How a conflict shows in an item's result and in the batch's conflict list. */
@Component
class ConflictResults {

    private final NamedParameterJdbcTemplate jdbc;

    ConflictResults(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    ItemResult opened(NewConflict c) {
        return new ItemResult(c.offlineId(), c.itemType(), false, null, null, true, false, c.conflictId(),
                c.held() ? ConflictRef.HELD : ConflictRef.OPEN, false, null,
                new ItemError(c.type().wire(), c.reason() + ": the item is stored and waits for resolution", null));
    }

    ConflictReport report(NewConflict c) {
        return new ConflictReport(c.conflictId(), c.offlineId(), c.offlineReference(), c.itemType(), c.type().wire(), c.reason(),
                c.autoStrategy() != null ? ConflictRef.RESOLVED : c.held() ? ConflictRef.HELD : ConflictRef.OPEN,
                c.autoStrategy() != null, c.autoStrategy(), WireWriter.parse(c.localData()), WireWriter.parse(c.serverData()),
                c.suggestedFix());
    }

    /**
     * The answer to an item that already has a conflict: the same conflict_id, never a second
     * conflict. A resolved and booked conflict answers as a success with what was booked.
     */
    ItemResult replay(ConflictRef c, String fingerprint, StoredSale sale) {
        boolean sameItem = c.localFingerprint().equals(fingerprint);
        if (c.booked() && sameItem) {
            Long serverId = c.bookedId();
            String code = null;
            if ("transaction".equals(c.itemType()) && serverId != null) {
                code = sale != null && sale.id() == serverId ? sale.transactionCode() : codeOf(serverId);
            }
            return new ItemResult(c.offlineId(), c.itemType(), true, serverId, code, true, true, c.conflictId(),
                    c.status(), c.autoResolved(), c.strategy(), null);
        }
        ItemError error = !sameItem
                ? new ItemError("conflict_pending", "This item already has conflict " + c.conflictId()
                + "; a changed copy of it is not booked", "offline_id")
                : c.resolved()
                ? new ItemError("rejected", "The conflict was resolved with " + c.strategy() + "; the item was not booked", null)
                : new ItemError(c.type().wire(), c.reason() + ": the item is stored and waits for resolution", null);
        return new ItemResult(c.offlineId(), c.itemType(), false, null, null, true, true, c.conflictId(), c.status(),
                c.autoResolved(), c.strategy(), error);
    }

    private String codeOf(long saleId) {
        return jdbc.query("SELECT transaction_code FROM transactions WHERE id = :id", Map.of("id", saleId),
                (rs, i) -> rs.getString(1)).stream().findFirst().orElse(null);
    }
}
