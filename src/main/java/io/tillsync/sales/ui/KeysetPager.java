package io.tillsync.sales.ui;

import io.tillsync.sales.TransactionRow;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers where each fetched page of the grid ended, so the next page the grid asks for by
 * offset is fetched from that key instead of by skipping rows. Grids scroll forward page by page,
 * so almost every fetch hits; a jump to an unknown offset falls back to OFFSET once.
 */
class KeysetPager {

    private final Map<Integer, TransactionRow.Keyset> startKeys = new HashMap<>();

    TransactionRow.Keyset startingAt(int offset) {
        return offset == 0 ? null : startKeys.get(offset);
    }

    void fetched(int offset, java.util.List<TransactionRow> rows) {
        if (!rows.isEmpty()) {
            startKeys.put(offset + rows.size(), rows.getLast().key());
        }
    }

    void reset() {
        startKeys.clear();
    }
}
