package io.tillsync.sales.booking;

import io.tillsync.sales.ItemKind;
import io.tillsync.sales.ItemResult.ItemError;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The ladder every item of a batch goes down before any rule is checked, the same for sales,
 * payments and voids: is it readable, did it come earlier in this batch, does it have a conflict,
 * is it stored as sent or with other content, or is it new.
 */
final class Triage {

    /** An item at its place in the batch; {@code doc} is null and {@code error} set when it could not be read. */
    record Received<T extends Item>(int index, JsonNode raw, T doc, String fingerprint, ItemError error) {

        static <T extends Item> Received<T> refused(int index, JsonNode raw, ItemError error) {
            return new Received<>(index, raw, null, null, error);
        }

        String key() {
            return doc.offlineId();
        }
    }

    sealed interface Step permits Refuse, Repeat, Answer, Replay, Duplicate, Fresh {
    }

    /** Refused as a whole: unreadable, or another item with its offline id and other content came earlier. */
    record Refuse(ItemError error) implements Step {
    }

    /** The same item came earlier in this batch: it answers as a replay of that one. */
    record Repeat(int earlier) implements Step {
    }

    /** It already has a conflict, which answers for it (rule 3.4): never a second one. */
    record Answer(StoredConflict conflict) implements Step {
    }

    /** Stored as sent: a replay. */
    record Replay(Stored stored) implements Step {
    }

    /** Stored with other content under the same offline id. */
    record Duplicate(Stored stored) implements Step {
    }

    record Fresh() implements Step {
    }

    private final ItemKind kind;
    private final Map<String, ? extends Stored> stored;
    private final Map<String, StoredConflict> conflicts;
    private final Map<String, Received<?>> seen = new HashMap<>();

    Triage(ItemKind kind, Map<String, ? extends Stored> stored, Map<String, StoredConflict> conflicts) {
        this.kind = kind;
        this.stored = stored;
        this.conflicts = conflicts;
    }

    /** The step for the next item, in batch order. */
    Step step(Received<?> item) {
        if (item.error() != null) {
            return new Refuse(item.error());
        }
        String key = item.key();
        Received<?> earlier = seen.putIfAbsent(key, item);
        if (earlier != null) {
            return earlier.fingerprint().equals(item.fingerprint()) ? new Repeat(earlier.index())
                    : new Refuse(new ItemError("duplicate_offline_id", "Another " + noun() + " with this offline_id and other "
                    + "content appears earlier in this batch", "offline_id"));
        }
        Stored same = stored.get(key);
        StoredConflict conflict = conflicts.get(key);
        if (conflict != null && conflict.localFingerprint().equals(item.fingerprint())) {
            return new Answer(conflict);
        }
        if (same != null && same.fingerprint().equals(item.fingerprint())) {
            return new Replay(same);
        }
        if (conflict != null) {
            return new Answer(conflict);
        }
        return same != null ? new Duplicate(same) : new Fresh();
    }

    private String noun() {
        return kind == ItemKind.SALE ? "sale" : kind.wire();
    }
}
