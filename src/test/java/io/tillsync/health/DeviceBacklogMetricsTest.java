package io.tillsync.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import io.tillsync.health.DeviceBacklogMetrics;
import io.tillsync.devices.SyncLog;

@IntegrationTest
class DeviceBacklogMetricsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncLog syncLog;
    @Autowired
    DeviceBacklogMetrics metrics;
    @Autowired
    MeterRegistry registry;

    @Test
    void a_till_unseen_past_its_branchs_offline_limit_is_counted_offline_and_a_revoked_one_is_not() {
        String device = Fixtures.tillWithOneSale(new ApiClient(port), TestData.BRANCH);
        syncLog.flush();
        metrics.refresh();
        double before = offline();

        jdbc.update("UPDATE devices SET last_seen_at = UTC_TIMESTAMP(6) - INTERVAL 2 DAY WHERE device_id = ?", device);
        metrics.refresh();
        assertThat(offline()).isEqualTo(before + 1);

        jdbc.update("UPDATE devices SET status = 'REVOKED' WHERE device_id = ?", device);
        metrics.refresh();
        assertThat(offline()).isEqualTo(before);
    }

    private double offline() {
        return registry.get("tillsync.devices.offline").gauge().value();
    }
}
