package io.tillsync.base;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock the time rules read, so a test can move time instead of waiting for it. */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    // a test registers its own movable clock before the context starts; nothing else should
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }
}
