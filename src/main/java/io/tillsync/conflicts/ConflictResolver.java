package io.tillsync.conflicts;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Settles a conflict with keep_server, keep_local or merge. The sync module implements it: booking
 * a settled item is booking it as a sync would, so the conflict views depend on this and not on sync.
 */
public interface ConflictResolver {

    String KEEP_SERVER = "keep_server";
    String KEEP_LOCAL = "keep_local";
    String MERGE = "merge";

    /** What stops a merged document from being booked, without booking it; empty when it is fine. */
    List<String> validateMerge(String conflictId, JsonNode merged, Actor actor);

    Resolution resolve(String conflictId, String strategy, JsonNode merged, String comment, Actor actor);
}
