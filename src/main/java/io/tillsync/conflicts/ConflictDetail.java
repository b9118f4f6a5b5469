package io.tillsync.conflicts;

/** A conflict with both versions, as the conflict page shows it. */
public record ConflictDetail(ConflictSummary summary, String localData, String serverData, String suggestedFix,
                             String finalData, String comment, String outcome, Long bookedId) {
}
