package io.tillsync.sales;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Settles a conflict with keep_server, keep_local or merge. The sync module implements it: booking
 * a settled item is booking it as a sync would, so the conflict views depend on this and not on sync.
 */
public interface Resolutions {

    String KEEP_SERVER = "keep_server";
    String KEEP_LOCAL = "keep_local";
    String MERGE = "merge";

    /** What stops a merged document from being booked, without booking it; empty when it is fine. */
    List<Problem> validateMerge(String conflictId, JsonNode merged, Actor actor);

    /**
     * One thing wrong with a merged document: the rule's code, so a view can word it in the
     * user's language, and the server's English message, which names the field.
     *
     * @param reason a {@link Reason} code; null for a malformed document, which only the message describes
     */
    record Problem(String reason, String message) {
    }

    Resolution resolve(String conflictId, String strategy, JsonNode merged, String comment, Actor actor);
}
