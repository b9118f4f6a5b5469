package io.tillsync.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.devices.DeviceService;
import io.tillsync.devices.SyncLog;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.MovableClock;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Rules that depend on time, shown by moving the application's clock instead of waiting: a skipped
 * sale number becomes a gap only when its branch's grace period has passed, and a till that synced
 * once turns stale when its branch's threshold passes without another success.
 */
@IntegrationTest
class TimeRulesTest {

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    DeviceService devices;
    @Autowired
    DeviceHealthService health;
    @Autowired
    SyncLog syncLog;

    @AfterEach
    void putTheClockBack() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_skipped_sale_number_becomes_a_gap_when_the_grace_period_has_passed_on_the_clock() {
        long pk = devices.find(Fixtures.tillMissingSales3And4(new ApiClient(port)).deviceId()).orElseThrow().devicePk();
        Duration grace = Duration.ofMinutes(120);
        LocalDate from = LocalDate.of(2025, 10, 1);

        clock.advance(Duration.ofMinutes(119));
        assertThat(health.sequenceGaps(pk, grace, from)).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        assertThat(health.sequenceGaps(pk, grace, from)).containsExactly(new SequenceGap(LocalDate.of(2025, 10, 13), 3, 4));
    }

    @Test
    void a_till_turns_stale_when_its_branch_threshold_passes_without_a_successful_sync() {
        ApiClient api = new ApiClient(port);
        String device = Sales.newDeviceId();
        String token = api.enroll(device, TestData.BRANCH);
        api.sync(token, Sales.batch(device, List.of(Sales.sale(device, 1, 1238, 1, 15000))));
        syncLog.flush();
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        // the demo branch counts a till stale after 60 minutes without a successful sync
        assertThat(health.find(device).orElseThrow().state()).isEqualTo(HealthState.HEALTHY);

        clock.advance(Duration.ofMinutes(59));
        assertThat(health.find(device).orElseThrow().state()).isEqualTo(HealthState.HEALTHY);

        clock.advance(Duration.ofMinutes(2));
        assertThat(health.find(device).orElseThrow().state()).isEqualTo(HealthState.STALE);
    }
}
