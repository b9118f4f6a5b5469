package io.tillsync.conflicts;

import java.time.Instant;

/** One line of a conflict's audit trail. */
public record ConflictEvent(String action, String strategy, String actor, String comment, String document, Instant at) {
}
