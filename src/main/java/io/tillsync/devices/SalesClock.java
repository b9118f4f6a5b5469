package io.tillsync.devices;

import java.time.Instant;
import java.util.List;

/**
 * How many sales the tills made per minute, by their own clocks. Sales implements it: the dashboard
 * shows sales beside sync traffic, and sales already depends on devices, so devices asks through
 * this interface instead of reading the sales tables.
 */
public interface SalesClock {

    /** Sales per minute from {@code from} on, index 0 first; {@code branchIds} null for all branches. */
    long[] salesPerMinute(Instant from, int minutes, List<Long> branchIds);
}
