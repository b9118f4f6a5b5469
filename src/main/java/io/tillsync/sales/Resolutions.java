package io.tillsync.sales;

import io.tillsync.base.Rejected;
import io.tillsync.base.WireFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Settling a conflict by a person or a device: keep_server, keep_local or a field-by-field merge.
 * The conflict is settled once: the loser of two at once is refused with
 * {@link Refusal#ALREADY_RESOLVED}, and nothing of its choice is booked.
 */
public interface Resolutions {

    /** The contract's three strategies, with their wire names. */
    enum Strategy {
        KEEP_SERVER("keep_server"),
        KEEP_LOCAL("keep_local"),
        MERGE("merge");

        private final String wire;

        Strategy(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Optional<Strategy> fromWire(String value) {
            for (Strategy s : values()) {
                if (s.wire.equals(value)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** What stops a merged document from being booked, without booking it; empty when it is fine. */
    List<Problem> validateMerge(String conflictId, JsonNode merged, Actor actor);

    /** Settles the conflict and books what the strategy books; refused with a {@link Refusal} when it cannot. */
    Resolution resolve(String conflictId, Strategy strategy, JsonNode merged, String comment, Actor actor);

    /**
     * One thing wrong with a merged document: the rule's code, so a view can word it in the
     * user's language, and the server's English message, which names the field.
     *
     * @param reason a {@link Reason} code; null for a malformed document, which only the message describes
     */
    record Problem(String reason, String message) {
    }

    /** Why a resolution was refused; nothing of it was booked. */
    enum Refusal implements Rejected.Reason {
        CONFLICT_NOT_FOUND, ALREADY_RESOLVED, NOT_OVERRIDABLE, MERGED_INVALID, SERVER_VERSION_INVALID, SALE_UNKNOWN;

        @Override
        public Rejected.Kind kind() {
            return switch (this) {
                case CONFLICT_NOT_FOUND -> Rejected.Kind.NOT_FOUND;
                case ALREADY_RESOLVED -> Rejected.Kind.CONFLICT;
                default -> Rejected.Kind.INVALID;
            };
        }
    }

    /**
     * Who resolves a conflict: a device (of the conflict's branch) or a back-office user.
     *
     * @param branchIds the branches the actor may act on; {@code null} for an admin, who may act on all
     */
    record Actor(String name, Long userId, Set<Long> branchIds) {

        public boolean mayActOn(long branchId) {
            return branchIds == null || branchIds.contains(branchId);
        }

        public static Actor device(String deviceId, long branchId) {
            return new Actor("device:" + deviceId, null, Set.of(branchId));
        }

        public static Actor user(String username, long userId, Set<Long> branchIds) {
            return new Actor("user:" + username, userId, branchIds);
        }
    }

    @WireFormat
    record Resolution(
            String conflictId,
            String status,
            String strategy,
            String outcome,
            Long serverId,
            String transactionCode,
            String message) {
    }
}
