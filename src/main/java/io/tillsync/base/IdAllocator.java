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
 */
@Component
public class IdAllocator {

    static final int BLOCK = 1000;

    /** The names callers use, and the block sequences behind them (changeset 0010). */
    private static final Map<String, String> BLOCK_SEQUENCES = Map.of(
            "entity_ids", "entity_id_blocks",
            "transaction_ids", "transaction_id_blocks");

    private final JdbcTemplate jdbc;
    private final ConcurrentHashMap<String, Block> blocks = new ConcurrentHashMap<>();

    IdAllocator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final class Block {
        final ReentrantLock lock = new ReentrantLock();
        final String query;
        long next;
        long end;

        Block(String sequence) {
            String blockSequence = BLOCK_SEQUENCES.get(sequence);
            if (blockSequence == null) {
                throw new IllegalArgumentException("No id sequence named " + sequence);
            }
            this.query = "SELECT NEXTVAL(" + blockSequence + ")";
        }
    }

    public long next(String sequence) {
        Block block = blocks.computeIfAbsent(sequence, Block::new);
        block.lock.lock();
        try {
            if (block.next >= block.end) {
                long start = Math.multiplyExact(jdbc.queryForObject(block.query, Long.class), BLOCK);
                block.next = start;
                block.end = start + BLOCK;
            }
            return block.next++;
        } finally {
            block.lock.unlock();
        }
    }
}
