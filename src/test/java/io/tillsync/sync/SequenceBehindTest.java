package io.tillsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.base.IdAllocator;
import io.tillsync.support.ApiClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.tillsync.support.SyncTestBase;

/**
 * A MariaDB killed and recovered can have its id block sequences stand behind ids already stored
 * (NEXTVAL is not made durable with the commits that use it). A node that starts then, or that
 * drops its blocks, must still book sales and resolutions, under fresh ids, without a 500.
 */
class SequenceBehindTest extends SyncTestBase {

    @Autowired
    IdAllocator ids;

    @Test
    void ids_come_from_past_every_stored_id_when_the_sequences_went_back() {
        ApiClient.Response first = push(List.of(sale(1238, 1, 15000)));
        assertThat(first.result(0).get("success").asBoolean()).as(first.raw()).isTrue();
        Map<String, Object> bad = sale(1239, 1, 8000);
        bad.put("grand_total", 1);
        ApiClient.Response conflicted = push(List.of(bad));
        String conflictId = conflicted.result(0).get("conflict_id").asString();
        long highestBefore = jdbc.queryForObject("SELECT MAX(id) FROM transactions", Long.class);

        // what a crash recovery can leave: the sequences at their start, every stored id ahead of them
        jdbc.execute("ALTER SEQUENCE transaction_id_blocks RESTART WITH 1");
        jdbc.execute("ALTER SEQUENCE entity_id_blocks RESTART WITH 1");
        ids.forget();

        ApiClient.Response resolved = api.post("/api/v1/pos/offline/conflicts/" + conflictId + "/resolve", "Bearer " + token,
                "{\"strategy\":\"keep_local\"}");
        assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);
        assertThat(resolved.data().get("server_id").asLong()).isGreaterThan(highestBefore);
        ApiClient.Response next = push(List.of(sale(1240, 2, 5000)));
        assertThat(next.result(0).get("success").asBoolean()).as(next.raw()).isTrue();
        assertThat(next.result(0).get("server_id").asLong()).isGreaterThan(highestBefore);
        assertThat(salesOfDevice()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM transaction_items i JOIN transactions t ON t.id = i.transaction_id WHERE t.device_id = ?",
                device)).isEqualTo(3);
    }
}
