package io.tillsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ItemsDigestTest {

    private static byte[] digest(String json) {
        return BatchRequestParser.itemsDigest(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_envelope_does_not_change_the_digest_of_the_items() {
        String items = "\"transactions\":[{\"offline_id\":\"a\",\"items\":[{\"q\":1}]}],\"payments\":[]";
        assertThat(digest("{\"device_id\":\"D1\",\"queue_depth\":3," + items + ",\"synced_at\":\"2025-10-13T11:00:00Z\"}"))
                .isEqualTo(digest("{" + items + ",\"device_id\":\"D1\",\"queue_depth\":12,\"app_version\":\"2.1\",\"meta\":{\"x\":[1]}}"));
    }

    @Test
    void any_change_to_the_items_changes_the_digest() {
        byte[] one = digest("{\"device_id\":\"D1\",\"transactions\":[{\"offline_id\":\"a\",\"qty\":1}]}");
        assertThat(digest("{\"device_id\":\"D1\",\"transactions\":[{\"offline_id\":\"a\",\"qty\":2}]}")).isNotEqualTo(one);
        assertThat(digest("{\"device_id\":\"D1\",\"transactions\":[{\"offline_id\":\"a\", \"qty\":1}]}")).isNotEqualTo(one);
        assertThat(digest("{\"device_id\":\"D1\",\"payments\":[{\"offline_id\":\"a\",\"qty\":1}]}")).isNotEqualTo(one);
        assertThat(digest("{\"device_id\":\"D1\",\"transactions\":[{\"offline_id\":\"a\",\"qty\":1}],\"voids\":[]}")).isNotEqualTo(one);
    }
}
