package io.tillsync.demo;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Simulated tills selling through the device API, so a new install shows a shop at work.
 *
 * @param enabled          {@code TILLSYNC_DEMO_TRAFFIC=true}, or {@code --demo} on the command line
 * @param speed            simulated minutes per real minute: at 10 a shop's day (07:00 to 22:00)
 *                         passes in an hour and a half, an outage of five minutes in thirty seconds
 * @param tillsPerBranch   simulated tills in each demo branch
 * @param salesPerHour     sales of one till in a simulated hour at the busiest time of day
 * @param troubleEvery     on average one sale in this many brings a conflict or another mishap
 * @param startsAt         the simulated time of day the demo starts at
 * @param externalDatabase also run against an external database (never without this)
 * @param seed             the same seed gives the same day (unset: a new day every start)
 */
@ConfigurationProperties("tillsync.demo.traffic")
record DemoTrafficProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("10") double speed,
        @DefaultValue("3") int tillsPerBranch,
        @DefaultValue("60") int salesPerHour,
        @DefaultValue("20") int troubleEvery,
        @DefaultValue("07:30") LocalTime startsAt,
        @DefaultValue("false") boolean externalDatabase,
        Long seed) {

    DemoTrafficProperties {
        if (speed <= 0 || speed > 600) {
            throw new IllegalArgumentException("tillsync.demo.traffic.speed: more than 0, at most 600");
        }
        if (tillsPerBranch < 1 || tillsPerBranch > 20) {
            throw new IllegalArgumentException("tillsync.demo.traffic.tills-per-branch: 1 to 20");
        }
        if (salesPerHour < 1 || troubleEvery < 2) {
            throw new IllegalArgumentException("tillsync.demo.traffic: sales-per-hour at least 1, trouble-every at least 2");
        }
    }
}
