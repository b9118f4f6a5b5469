package io.tillsync.sales.ui;

import io.tillsync.sales.TransactionRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers where each fetched page of the grid ended, so the next page the grid asks for by
 * offset is fetched from that key instead of by skipping rows. Grids scroll forward page by page,
 * so almost every fetch hits; a jump to an unknown offset falls back to OFFSET once.
 *
 * <p>Only the most recently used keys are kept: a user scrolling through a year of sales would
 * otherwise leave one key per page in their session for as long as it lasts.
 */
class KeysetPager {

    static final int KEPT = 16;

    private final Map<Integer, TransactionRow.Keyset> startKeys = new LinkedHashMap<>(KEPT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, TransactionRow.Keyset> eldest) {
            return size() > KEPT;
        }
    };

    TransactionRow.Keyset startingAt(int offset) {
        return offset == 0 ? null : startKeys.get(offset);
    }

    void fetched(int offset, List<TransactionRow> rows) {
        if (!rows.isEmpty()) {
            startKeys.put(offset + rows.size(), rows.getLast().key());
        }
    }

    void reset() {
        startKeys.clear();
    }

    int size() {
        return startKeys.size();
    }
}
