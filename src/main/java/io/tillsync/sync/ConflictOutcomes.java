package io.tillsync.sync;

import io.tillsync.base.Json;
import io.tillsync.conflicts.ConflictQueries;
import io.tillsync.devices.DevicePrincipal;
import io.tillsync.sales.ItemKind;
import io.tillsync.sales.TransactionQueries;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The settled conflicts a pull tells a device of, with the code of each sale a resolution booked. */
@Component
record ConflictOutcomes(ConflictQueries conflicts, TransactionQueries sales) {

    /** All of the device's settled conflicts when {@code conflictIds} is null (a full pull), else the ones named. */
    List<Changes.ConflictOutcome> of(DevicePrincipal device, Set<String> conflictIds) {
        List<ConflictQueries.Settled> settled = conflicts.settledOf(device.devicePk(), conflictIds);
        Set<Long> saleIds = new HashSet<>();
        settled.stream().filter(c -> isSale(c) && c.bookedId() != null).forEach(c -> saleIds.add(c.bookedId()));
        Map<Long, String> codes = sales.codesByIds(saleIds);
        return settled.stream().map(c -> new Changes.ConflictOutcome(c.conflictId(), c.offlineId(), c.itemType(), c.conflictType(),
                c.status(), c.strategy(), c.outcome(), c.autoResolved(), c.bookedId(), isSale(c) ? codes.get(c.bookedId()) : null,
                Json.parse(c.finalData()), c.resolvedAt() == null ? null : c.resolvedAt().toString())).toList();
    }

    private static boolean isSale(ConflictQueries.Settled c) {
        return ItemKind.SALE.wire().equals(c.itemType());
    }
}
