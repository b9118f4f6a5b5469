package io.tillsync.base;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Ids for the hot tables, taken from MariaDB sequences in blocks of 1000 (the sequences step by
 * 1000). Knowing ids before inserting lets a whole batch of rows and their children go to the
 * database in a few batched statements. NEXTVAL is not transactional, so a rolled-back batch
 * only leaves a gap.
 */
@Component
public class IdAllocator {

    static final int BLOCK = 1000;

    private final JdbcTemplate jdbc;
    private final ConcurrentHashMap<String, Block> blocks = new ConcurrentHashMap<>();

    IdAllocator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final class Block {
        final ReentrantLock lock = new ReentrantLock();
        long next;
        long end;
    }

    public long next(String sequence) {
        Block block = blocks.computeIfAbsent(sequence, k -> new Block());
        block.lock.lock();
        try {
            if (block.next >= block.end) {
                Long start = jdbc.queryForObject("SELECT NEXTVAL(" + sequence + ")", Long.class);
                block.next = start;
                block.end = start + BLOCK;
            }
            return block.next++;
        } finally {
            block.lock.unlock();
        }
    }
}
