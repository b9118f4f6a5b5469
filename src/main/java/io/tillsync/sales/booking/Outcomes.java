package io.tillsync.sales.booking;

import io.tillsync.base.Json;
import io.tillsync.sales.ConflictReport;
import io.tillsync.sales.ItemKind;
import io.tillsync.sales.ItemResult.ItemError;
import io.tillsync.sales.ItemResult;
import java.util.function.LongFunction;
import tools.jackson.databind.JsonNode;

/** How a conflict shows in an item's result and in the batch's conflict list. */
final class Outcomes {

    private Outcomes() {
    }

    /** An item that raised a conflict no policy settled: stored, not booked, waiting. */
    static ItemResult opened(NewConflict c) {
        return new ItemResult(c.item().offlineId(), c.item().kind(), false, null, null, false,
                new ItemResult.ConflictMark(c.conflictId(), c.status(), false, null), waiting(c.finding().type().wire(), c.finding().reason()));
    }

    /** An item the branch's policy settled at once: booked, with the conflict recorded as resolved. */
    static ItemResult settled(NewConflict c, long serverId, String transactionCode) {
        return new ItemResult(c.item().offlineId(), c.item().kind(), true, serverId, transactionCode, false,
                new ItemResult.ConflictMark(c.conflictId(), StoredConflict.RESOLVED, true, c.settlement().strategy()), null);
    }

    /** A new conflict as reported; {@code local} is the item as received when the caller has it, so it is not parsed again. */
    static ConflictReport report(NewConflict c, JsonNode local) {
        return new ConflictReport(c.conflictId(), c.item().offlineId(), c.item().offlineReference(), c.item().kind(),
                c.finding().type().wire(), c.finding().reason(), c.status(), c.autoResolved(),
                c.autoResolved() ? c.settlement().strategy() : null, local != null ? local : Json.parse(c.item().localData()),
                Json.parse(c.finding().serverData()), c.finding().suggestedFix());
    }

    /** A stored conflict as the device is told of it again (rule 3.4): both versions and where it stands now. */
    static ConflictReport report(StoredConflict c) {
        return new ConflictReport(c.conflictId(), c.offlineId(), c.offlineReference(), c.kind(), c.type().wire(), c.reason(),
                c.status(), c.autoResolved(), c.strategy(), Json.parse(c.localData()), Json.parse(c.serverData()), c.suggestedFix());
    }

    /**
     * The answer to an item that already has a conflict: the same conflict_id, never a second
     * conflict. A resolved and booked conflict answers as a success with what was booked.
     */
    static ItemResult replay(StoredConflict c, String fingerprint, StoredSale sale, LongFunction<String> codeOf) {
        boolean sameItem = c.localFingerprint().equals(fingerprint);
        ItemResult.ConflictMark mark = new ItemResult.ConflictMark(c.conflictId(), c.status(), c.autoResolved(), c.strategy());
        if (c.booked() && sameItem) {
            Long serverId = c.bookedId();
            String code = null;
            if (c.kind() == ItemKind.SALE && serverId != null) {
                code = sale != null && sale.id() == serverId ? sale.transactionCode() : codeOf.apply(serverId);
            }
            return new ItemResult(c.offlineId(), c.kind(), true, serverId, code, true, mark, null);
        }
        ItemError error = !sameItem
                ? new ItemError("conflict_pending", "This item already has conflict " + c.conflictId()
                + "; a changed copy of it is not booked", "offline_id")
                : c.resolved()
                ? new ItemError("rejected", "The conflict was resolved with " + c.strategy() + "; the item was not booked", null)
                : waiting(c.type().wire(), c.reason());
        return new ItemResult(c.offlineId(), c.kind(), false, null, null, true, mark, error);
    }

    private static ItemError waiting(String type, String reason) {
        return new ItemError(type, reason + ": the item is stored and waits for resolution", null);
    }
}
