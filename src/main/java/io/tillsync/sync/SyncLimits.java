package io.tillsync.sync;

import io.tillsync.base.BodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The batch-sync body the edge lets through: up to {@code tillsync.sync.max-body-bytes}. */
@Configuration(proxyBeanMethods = false)
class SyncLimits {

    @Bean
    BodyLimit batchSyncBodies(SyncSettings settings) {
        return new BodyLimit(AdmissionFilter.PATH, settings.maxBodyBytes());
    }
}
