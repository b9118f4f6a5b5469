package io.tillsync.demo;

import java.time.Duration;
import java.time.LocalTime;

/**
 * A café and minimarket's day on a clock that runs {@code speed} times faster than the real one:
 * quiet at opening, the morning coffee rush, lunch, an afternoon lull and a busy evening. Only the
 * rhythm is simulated; every timestamp a till sends is real.
 *
 * @param startNanos  the real {@link System#nanoTime()} the simulated clock starts at
 * @param startMinute the simulated minutes since opening at {@code startNanos}
 */
record DayRhythm(double speed, long startNanos, double startMinute) {

    static final LocalTime OPENS = LocalTime.of(7, 0);
    static final LocalTime CLOSES = LocalTime.of(22, 0);
    private static final int OPEN_MINUTES = (int) Duration.between(OPENS, CLOSES).toMinutes();

    /** Busyness (1 = the busiest moment of the day) at whole and half hours from opening, linear between. */
    private static final double[][] CURVE = {
            {7.0, 0.35}, {7.5, 0.7}, {8.0, 0.95}, {8.5, 0.9}, {9.5, 0.55}, {10.5, 0.45}, {11.5, 0.8}, {12.25, 1.0},
            {13.25, 0.75}, {14.5, 0.45}, {15.5, 0.65}, {16.5, 0.55}, {18.0, 0.8}, {19.25, 0.9}, {20.5, 0.55}, {22.0, 0.3}};

    /** The day as it reads at {@code startNanos}: {@code startsAt}, or the opening when that is outside opening hours. */
    static DayRhythm startingAt(LocalTime startsAt, double speed, long startNanos) {
        LocalTime start = startsAt.isBefore(OPENS) || !startsAt.isBefore(CLOSES) ? OPENS : startsAt;
        return new DayRhythm(speed, startNanos, Duration.between(OPENS, start).toSeconds() / 60.0);
    }

    /** Simulated minutes since opening of the first day. */
    double minutes(long nanos) {
        return startMinute + (nanos - startNanos) / 1e9 / 60.0 * speed;
    }

    /** The simulated day number: 0 on the first day, then one more each time the shop opens again. */
    int day(long nanos) {
        return (int) (minutes(nanos) / OPEN_MINUTES);
    }

    LocalTime timeOfDay(long nanos) {
        double m = minutes(nanos) % OPEN_MINUTES;
        return OPENS.plusSeconds((long) (m * 60));
    }

    double busyness(long nanos) {
        LocalTime t = timeOfDay(nanos);
        double h = t.getHour() + t.getMinute() / 60.0;
        for (int i = 1; i < CURVE.length; i++) {
            if (h <= CURVE[i][0]) {
                double f = (h - CURVE[i - 1][0]) / (CURVE[i][0] - CURVE[i - 1][0]);
                return CURVE[i - 1][1] + f * (CURVE[i][1] - CURVE[i - 1][1]);
            }
        }
        return CURVE[CURVE.length - 1][1];
    }

    /** Real nanoseconds that pass while the simulated clock moves on by this many minutes. */
    long realNanos(double simulatedMinutes) {
        return (long) (simulatedMinutes * 60e9 / speed);
    }
}
