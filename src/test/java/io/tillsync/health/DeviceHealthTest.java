package io.tillsync.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import io.tillsync.health.DeviceHealthService;
import io.tillsync.health.SequenceGap;
import io.tillsync.devices.RegisteredDevice;
import io.tillsync.devices.DeviceService;
import io.tillsync.devices.SyncLog;

@IntegrationTest
class DeviceHealthTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DeviceService devices;
    @Autowired
    DeviceHealthService health;
    @Autowired
    SyncLog syncLog;

    @Test
    void a_skipped_sequence_number_shows_as_a_gap_once_the_grace_period_passed() {
        ApiClient api = new ApiClient(port);
        Fixtures.Till till = Fixtures.tillMissingSales3And4(api);
        String device = till.deviceId();
        long pk = devices.find(device).orElseThrow().devicePk();

        List<SequenceGap> withinGrace = health.sequenceGaps(pk, Duration.ofHours(2), LocalDate.of(2025, 10, 1));
        List<SequenceGap> afterGrace = health.sequenceGaps(pk, Duration.ZERO.minusSeconds(1), LocalDate.of(2025, 10, 1));

        assertThat(withinGrace).isEmpty();
        assertThat(afterGrace).containsExactly(new SequenceGap(LocalDate.of(2025, 10, 13), 3, 4));
        assertThat(afterGrace.getFirst().missing()).isEqualTo(2);

        api.sync(till.token(), Sales.batch(device, List.of(Sales.sale(device, 3, 1238, 1, 15000), Sales.sale(device, 4, 1238, 1, 15000))));
        assertThat(health.sequenceGaps(pk, Duration.ZERO.minusSeconds(1), LocalDate.of(2025, 10, 1))).isEmpty();
    }

    @Test
    void each_sync_records_queue_depth_app_version_clock_skew_and_the_request_log() {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        Map<String, Object> batch = Sales.batch(device, List.of(Sales.sale(device, 1, 1238, 1, 15000)));
        batch.put("queue_depth", 17);
        batch.put("app_version", "till-web 1.4.2");
        batch.put("synced_at", java.time.Instant.now().minusSeconds(90).toString());

        api.sync(token, batch);
        api.sync(token, "not json");
        syncLog.flush();

        RegisteredDevice d = devices.find(device).orElseThrow();
        assertThat(d.queueDepth()).isEqualTo(17);
        assertThat(d.appVersion()).isEqualTo("till-web 1.4.2");
        assertThat(d.clockSkewMs()).isBetween(85_000L, 120_000L);
        assertThat(d.lastSuccessAt()).isNotNull();
        assertThat(d.consecutiveFailures()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT http_status FROM sync_requests WHERE device_id = ? ORDER BY id", Integer.class, device))
                .containsExactly(200, 400);
    }
}
