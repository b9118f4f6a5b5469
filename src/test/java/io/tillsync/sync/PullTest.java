package io.tillsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.catalog.CatalogService;
import io.tillsync.support.ApiClient;
import io.tillsync.support.TestData;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import io.tillsync.support.SyncTestBase;

class PullTest extends SyncTestBase {

    @Autowired
    CatalogService catalog;

    @Test
    void a_device_without_cursor_gets_its_branchs_full_catalog() {
        ApiClient.Response r = api.changes(token, null);

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.data().get("full").asBoolean()).isTrue();
        assertThat(r.data().get("products").size()).isGreaterThanOrEqualTo(12);
        JsonNode coffee = null;
        for (JsonNode p : r.data().get("products")) {
            if (p.get("product_id").asLong() == 1238) {
                coffee = p;
            }
        }
        assertThat(coffee).isNotNull();
        assertThat(new BigDecimal(coffee.get("price").asString())).isEqualByComparingTo("15000");
        assertThat(r.data().get("cursor").asString()).startsWith("c1.");
        assertThat(r.data().get("branch").get("branch_code").asString()).isEqualTo(TestData.BRANCH);
        assertThat(new BigDecimal(r.data().get("branch").get("tax_rate").asString())).isEqualByComparingTo("0.1");
    }

    @Test
    void a_conflict_settled_at_once_by_policy_also_reaches_the_pull() {
        String cursor = api.changes(token, null).data().get("cursor").asString();
        ApiClient.Response pushed = push(List.of(io.tillsync.support.Sales.sale(device, ++seq, 1238, 1, 14000)));
        assertThat(pushed.result(0).get("auto_resolved").asBoolean()).as(pushed.raw()).isTrue();

        ApiClient.Response r = api.changes(token, cursor);

        assertThat(r.data().get("conflicts").findValues("conflict_id").stream().map(JsonNode::asString))
                .contains(pushed.result(0).get("conflict_id").asString());
    }

    @Test
    void the_cursor_brings_price_changes_and_conflict_outcomes_once() {
        String cursor = api.changes(token, null).data().get("cursor").asString();
        long branch = catalog.branchByCode(TestData.BRANCH).orElseThrow().id();
        catalog.setPrice(branch, 1242, new BigDecimal("33000"), Instant.now().minusSeconds(1));
        Map<String, Object> sale = sale(1238, 1, 15000);
        sale.put("grand_total", 1);
        String conflict = push(List.of(sale)).result(0).get("conflict_id").asString();
        api.post("/api/v1/pos/offline/conflicts/" + conflict + "/resolve", ApiClient.adminAuth(), "{\"strategy\":\"keep_server\"}");

        ApiClient.Response r = api.changes(token, cursor);

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.data().get("full").asBoolean()).isFalse();
        assertThat(r.data().get("products").findValues("product_id").stream().map(JsonNode::asLong)).contains(1242L);
        JsonNode outcome = r.data().get("conflicts").get(0);
        assertThat(outcome.get("conflict_id").asString()).isEqualTo(conflict);
        assertThat(outcome.get("resolution").asString()).isEqualTo("keep_server");
        // a mismatch kept as the server computes it is booked at the server's totals
        assertThat(outcome.get("outcome").asString()).isEqualTo("booked");

        ApiClient.Response next = api.changes(token, r.data().get("cursor").asString());
        assertThat(next.data().get("conflicts").size()).isZero();
    }

    @Test
    void a_cursor_the_server_never_issued_is_a_400() {
        ApiClient.Response r = api.changes(token, "garbage");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_cursor");
    }
}
