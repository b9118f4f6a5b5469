package io.tillsync.base;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every rule that depends on time reads: gaps past their grace period, stale devices,
 * a backup's age, session limits. Tests replace it with one they move, instead of waiting.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
