package io.tillsync.base;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Ids for the hot tables, handed out in blocks of 1000 so a whole batch of rows and their children
 * can go to the database in a few batched statements: one NEXTVAL per 1000 ids.
 *
 * <p>The sequences count blocks, not ids: block {@code b} holds the ids {@code b * 1000} to
 * {@code b * 1000 + 999}. They are created {@code INCREMENT BY 0}, so each server steps by its
 * {@code auto_increment_increment} from its own {@code auto_increment_offset}: on a Galera cluster
 * every node draws from its own residue class and two nodes can never take the same block, even
 * while they write at once or one of them is cut off. (A sequence stepping by 1000 is not safe
 * there: nodes writing at once were handed the same values.) On a single server the step is 1
 * and the blocks follow each other. NEXTVAL is not transactional, so a rolled-back batch only
 * leaves a gap.
 *
 * <p>Nor is NEXTVAL made durable with the commits that use its values: after MariaDB is killed and
 * recovers, a sequence can stand a few blocks back and hand out blocks whose ids are already
 * stored (the soak saw every booking answered with a duplicate primary key for a while). So a
 * block is taken only if it lies past the highest id stored in the tables it serves; one past it is
 * set and drawn otherwise. A caller that still meets a duplicate primary key (a block another node
 * held but had not written to yet) drops its blocks with {@link #forget()} before it tries again.
 */
@Component
public class IdAllocator {

    static final int BLOCK = 1000;

    /** The names callers use, and the block sequences behind them (changeset 0010). */
    private static final Map<String, String> BLOCK_SEQUENCES = Map.of(
            "entity_ids", "entity_id_blocks",
            "transaction_ids", "transaction_id_blocks");

    /** The tables whose ids each block sequence gives out. */
    private static final Map<String, String> HIGHEST_STORED = Map.of(
            "entity_ids", "SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM transaction_items), "
                    + "(SELECT COALESCE(MAX(id), 0) FROM stock_movements), (SELECT COALESCE(MAX(id), 0) FROM payments), "
                    + "(SELECT COALESCE(MAX(id), 0) FROM voids), (SELECT COALESCE(MAX(id), 0) FROM offline_conflicts))",
            "transaction_ids", "SELECT COALESCE(MAX(id), 0) FROM transactions");

    private final JdbcTemplate jdbc;
    private final ConcurrentHashMap<String, Block> blocks = new ConcurrentHashMap<>();

    IdAllocator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final class Block {
        final ReentrantLock lock = new ReentrantLock();
        final String query;
        final String blockSequence;
        final String highest;
        long next;
        long end;

        Block(String sequence) {
            blockSequence = BLOCK_SEQUENCES.get(sequence);
            if (blockSequence == null) {
                throw new IllegalArgumentException("No id sequence named " + sequence);
            }
            this.query = "SELECT NEXTVAL(" + blockSequence + ")";
            this.highest = HIGHEST_STORED.get(sequence);
        }
    }

    /** Drops the blocks in hand: the next id comes from a fresh block past every stored id. */
    public void forget() {
        blocks.values().forEach(b -> {
            b.lock.lock();
            try {
                b.next = b.end;
            } finally {
                b.lock.unlock();
            }
        });
    }

    /** A block no stored row has an id of: the sequence is moved past the highest stored id when it stands behind it. */
    private long freshBlock(Block block) {
        for (int tries = 0; ; tries++) {
            long start = Math.multiplyExact(jdbc.queryForObject(block.query, Long.class), BLOCK);
            Long highest = jdbc.queryForObject(block.highest, Long.class);
            if (highest == null || start > highest || tries >= 10) {
                return start;
            }
            jdbc.queryForObject("SELECT SETVAL(" + block.blockSequence + ", " + (highest / BLOCK) + ")", Long.class);
        }
    }

    public long next(String sequence) {
        Block block = blocks.computeIfAbsent(sequence, Block::new);
        block.lock.lock();
        try {
            if (block.next >= block.end) {
                long start = freshBlock(block);
                block.next = start;
                block.end = start + BLOCK;
            }
            return block.next++;
        } finally {
            block.lock.unlock();
        }
    }
}
