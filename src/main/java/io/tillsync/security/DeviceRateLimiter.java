package io.tillsync.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A token bucket per device for the device API: a till that loops on a bug, or a stolen token
 * used for flooding, slows down one device instead of the whole server. Generous by default
 * (a till sends a batch every few seconds).
 *
 * <p>The bucket is a row in the database, so all nodes behind a balancer count against the same
 * limit (kept per node, N nodes gave a device N times its limit). Taking a token is one
 * {@code UPDATE … WHERE} that refills by the database's clock and succeeds only when a whole
 * token is there: atomic without a read first. If the database cannot be reached the request is
 * let through: it needs the database itself and will be answered 503 there.
 */
@Component
class DeviceRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(DeviceRateLimiter.class);

    private static final String REFILLED = "LEAST(?, tokens + GREATEST(0, TIMESTAMPDIFF(MICROSECOND, refilled_at, UTC_TIMESTAMP(6))) / 1e6 * ?)";
    // SET is evaluated left to right: tokens is computed from the old refilled_at
    private static final String TAKE = "UPDATE device_rate_buckets SET tokens = " + REFILLED + " - 1, refilled_at = UTC_TIMESTAMP(6)"
            + " WHERE device_pk = ? AND " + REFILLED + " >= 1";
    private static final String FIRST = "INSERT IGNORE INTO device_rate_buckets (device_pk, tokens, refilled_at) VALUES (?, ?, UTC_TIMESTAMP(6))";
    private static final String WAIT = "SELECT (1 - " + REFILLED + ") / ? FROM device_rate_buckets WHERE device_pk = ?";

    private final JdbcTemplate jdbc;
    private final boolean enabled;
    private final double perSecond;
    private final double burst;

    DeviceRateLimiter(JdbcTemplate jdbc, DeviceRateSettings settings) {
        this.jdbc = jdbc;
        this.enabled = settings.enabled() && settings.perSecond() > 0;
        this.perSecond = settings.perSecond();
        this.burst = Math.max(1, settings.burst());
    }

    /**
     * Takes one request from the device's bucket.
     *
     * @return 0 when the request may go ahead, otherwise the whole seconds to wait before the next one
     */
    public long acquire(long devicePk) {
        if (!enabled) {
            return 0;
        }
        try {
            // the device's first request creates its bucket; if another node created it just now, take again
            if (take(devicePk) || jdbc.update(FIRST, devicePk, burst - 1) == 1 || take(devicePk)) {
                return 0;
            }
            Double seconds = jdbc.query(WAIT, rs -> rs.next() ? rs.getDouble(1) : null, burst, perSecond, perSecond, devicePk);
            return Math.max(1, (long) Math.ceil(seconds == null ? 1 : seconds));
        } catch (DataAccessException e) {
            log.debug("Rate limit not checked, database unavailable: {}", e.toString());
            return 0;
        }
    }

    private boolean take(long devicePk) {
        return jdbc.update(TAKE, burst, perSecond, devicePk, burst, perSecond) == 1;
    }
}
