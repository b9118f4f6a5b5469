package io.tillsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillsync.base.Rejected;
import io.tillsync.conflicts.ConflictFilter;
import io.tillsync.conflicts.ConflictQueries;
import io.tillsync.health.DeviceFilter;
import io.tillsync.health.DeviceHealthService;
import io.tillsync.devices.DeviceService;
import io.tillsync.sales.Resolutions.Actor;
import io.tillsync.sales.Resolutions;
import io.tillsync.sales.TransactionFilter;
import io.tillsync.sales.TransactionQueries;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Fixtures;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.TestData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The services themselves refuse another branch's data, whatever a view or a crafted call asks for. */
@IntegrationTest
class BranchScopeTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ConflictQueries conflicts;
    @Autowired
    Resolutions resolutions;
    @Autowired
    DeviceHealthService health;
    @Autowired
    DeviceService devices;
    @Autowired
    TransactionQueries transactions;
    @Autowired
    CurrentUser currentUser;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private void signIn(String username) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(username, null,
                List.of(new SimpleGrantedAuthority("ROLE_MANAGER"))));
    }

    @Test
    void a_manager_asking_for_another_branch_by_id_gets_nothing_and_cannot_resolve_there() {
        Fixtures.Raised other = Fixtures.totalsMismatch(new ApiClient(port), TestData.OTHER_BRANCH);
        long otherBranch = fixtures.branchId(TestData.OTHER_BRANCH);
        signIn(fixtures.manager(TestData.BRANCH));
        UserScope scope = currentUser.require();

        assertThat(conflicts.list(ConflictFilter.ANY.withBranchId(otherBranch), PageRequest.of(0, 50))).isEmpty();
        assertThat(conflicts.list(ConflictFilter.ANY.withDeviceId(other.deviceId()), PageRequest.of(0, 50))).isEmpty();
        assertThat(conflicts.find(other.conflictId())).isEmpty();
        assertThat(conflicts.history(other.conflictId())).isEmpty();
        assertThatThrownBy(() -> resolutions.resolve(other.conflictId(), Resolutions.Strategy.KEEP_SERVER, null, "not mine",
                Actor.user(scope.username(), scope.userId(), scope.branchIds())))
                .isInstanceOf(Rejected.class).hasMessage("No such conflict");
        assertThat(health.list(DeviceFilter.ALL.withBranchId(otherBranch), PageRequest.of(0, 50))).isEmpty();
        assertThat(health.list(DeviceFilter.ALL.withSearch(other.deviceId()), PageRequest.of(0, 50))).isEmpty();
        assertThat(health.list(DeviceFilter.ALL.withSearch(other.deviceId()).withState(io.tillsync.health.HealthState.CONFLICTS),
                PageRequest.of(0, 50))).isEmpty();
        assertThat(health.list(DeviceFilter.ALL.withNeedsAttention(true), PageRequest.of(0, 1000)))
                .extracting(io.tillsync.health.DeviceHealth::branchId).doesNotContain(otherBranch);
        assertThat(health.countByState().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(health.list(DeviceFilter.ALL, PageRequest.of(0, 100_000)).getNumberOfElements());
        assertThat(health.find(other.deviceId())).isEmpty();
        assertThat(health.history(other.deviceId(), PageRequest.of(0, 50))).isEmpty();
        assertThat(transactions.list(TransactionFilter.ALL.withBranchId(otherBranch), PageRequest.of(0, 50), null)).isEmpty();
        assertThat(transactions.list(TransactionFilter.ALL.withDeviceId(other.deviceId()), PageRequest.of(0, 50), null)).isEmpty();
        assertThatThrownBy(() -> devices.rotate(other.deviceId())).isInstanceOf(AccessDeniedException.class);
    }
}
