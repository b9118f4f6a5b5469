package io.tillsync.till;

import io.tillsync.devices.SyncLog;
import io.tillsync.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A test of the browser till, in {@link Chromium}, against the Tillsync this JVM serves on real
 * MariaDB: devices are enrolled on it ({@link TillDevice#enroll}) and what the till sent is read
 * back from its database.
 */
@IntegrationTest
abstract class TillIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    /** Writes what it learns of each request in the background: flushed before sync_requests is read. */
    @Autowired
    SyncLog syncLog;

    /** Sales stored for the device. */
    int booked(String deviceId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM transactions WHERE device_id = ?", Integer.class, deviceId);
    }
}
