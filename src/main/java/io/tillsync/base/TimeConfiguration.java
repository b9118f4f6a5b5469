package io.tillsync.base;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every rule that depends on time reads: gaps past their grace period, stale devices,
 * a backup's age, session limits. Tests register one they move, instead of waiting.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    // a test registers its own movable clock before the context starts; nothing else should
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }
}
