package io.tillsync.sales;

import java.util.List;

/** What became of a batch: one result per item in request order, and the conflicts to tell the device of. */
public record IntakeAnswer(List<ItemResult> results, List<ConflictReport> conflicts) {

    public int successCount() {
        return (int) results.stream().filter(ItemResult::success).count();
    }
}
