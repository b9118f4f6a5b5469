package io.tillsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import org.junit.jupiter.api.Test;
import io.tillsync.support.SyncTestBase;

/** Every pull names the database's epoch, so a till can tell a restored server from the one it knew. */
class ServerEpochPullTest extends SyncTestBase {

    @Test
    void every_pull_carries_the_same_epoch_and_no_resend_since_before_a_restore() {
        ApiClient.Response full = api.changes(token, null);
        ApiClient.Response next = api.changes(token, full.data().get("cursor").asString());

        assertThat(full.status()).as(full.raw()).isEqualTo(200);
        String epoch = full.data().get("server_epoch").asString();
        assertThat(epoch).hasSizeGreaterThanOrEqualTo(32);
        assertThat(next.data().get("server_epoch").asString()).isEqualTo(epoch);
        assertThat(full.data().has("resend_since")).isFalse();
        assertThat(next.data().has("resend_since")).isFalse();
    }
}
