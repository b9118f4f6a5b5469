package io.tillsync.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset a test moves forward: half an hour passes in an instant. The
 * integration tests' server runs on {@link #SHARED} (registered by {@link TestDatabase.Initializer}),
 * at no offset unless a test moves it; a test that moves it puts it back with {@link #reset}, as
 * every integration test shares one context.
 */
public final class MovableClock extends Clock {

    public static final MovableClock SHARED = new MovableClock();

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration by) {
        ahead.accumulateAndGet(by, Duration::plus);
    }

    public void reset() {
        ahead.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
