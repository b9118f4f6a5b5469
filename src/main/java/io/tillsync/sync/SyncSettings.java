package io.tillsync.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The device protocol's limits and its admission of batches ({@code tillsync.sync.*}).
 *
 * @param maxItems           items one batch may carry (the contract promises at least 500)
 * @param maxBodyBytes       the largest batch body read; a larger one is refused before parsing
 * @param replayCacheBatches batches whose answers are kept in memory to answer a resend at once
 * @param admission          how many batches are worked on at once, and what the rest are told
 */
@ConfigurationProperties("tillsync.sync")
record SyncSettings(@DefaultValue("500") int maxItems, @DefaultValue("5242880") long maxBodyBytes,
                    @DefaultValue("2000") int replayCacheBatches, @DefaultValue Admission admission) {

    /**
     * @param maxConcurrent        batches worked on at once
     * @param maxWaiting           batches that may wait for a place before the rest are refused at once
     * @param queueWait            how long a batch waits for a place ({@code wait})
     * @param retryAfterSeconds    the shortest Retry-After a refused till is told
     * @param retryAfterMaxSeconds the longest
     * @param perTill              places one till may hold at once, so one till cannot take a branch's share
     */
    record Admission(@DefaultValue("8") int maxConcurrent, @DefaultValue("8") int maxWaiting, @Name("wait") @DefaultValue("1s") Duration queueWait,
                     @DefaultValue("1") int retryAfterSeconds, @DefaultValue("5") int retryAfterMaxSeconds, @DefaultValue("4") int perTill) {
    }
}
