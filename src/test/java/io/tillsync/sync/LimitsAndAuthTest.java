package io.tillsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.tillsync.support.SyncTestBase;

class LimitsAndAuthTest extends SyncTestBase {

    @Test
    void more_than_500_items_is_refused_whole_and_nothing_is_written() {
        List<Map<String, Object>> sales = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            sales.add(sale(1238, 1, 15000));
        }
        ApiClient.Response r = push(sales);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("too_many_items");
        assertThat(salesOfDevice()).isZero();
    }

    @Test
    void exactly_500_items_are_taken() {
        List<Map<String, Object>> sales = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sales.add(sale(1238, 1, 15000));
        }
        ApiClient.Response r = push(sales);

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.data().get("success_count").asInt()).isEqualTo(500);
        assertThat(salesOfDevice()).isEqualTo(500);
    }

    @Test
    void a_body_over_the_limit_is_refused_before_parsing() {
        Map<String, Object> sale = sale(1238, 1, 15000);
        sale.put("padding", "x".repeat(6 * 1024 * 1024));

        ApiClient.Response r = push(List.of(sale));

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("body_too_large");
        assertThat(salesOfDevice()).isZero();
    }

    @Test
    void no_token_a_wrong_token_and_a_token_in_the_url_get_401() {
        String body = ApiClient.JSON.writeValueAsString(Sales.batch(device, List.of(sale(1238, 1, 15000))));

        assertThat(api.post("/api/v1/pos/offline/batch-sync", null, body).status()).isEqualTo(401);
        ApiClient.Response wrong = api.post("/api/v1/pos/offline/batch-sync", "Bearer tsd_000000000000_notarealtoken0000000000", body);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("invalid_token");
        assertThat(api.post("/api/v1/pos/offline/batch-sync?access_token=" + token, null, body).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/pos/offline/batch-sync?token=" + token, null, body).status()).isEqualTo(401);
        assertThat(salesOfDevice()).isZero();
    }

    @Test
    void a_revoked_token_is_refused_at_once_and_a_rotated_one_replaces_the_old() {
        assertThat(push(List.of(sale(1238, 1, 15000))).status()).isEqualTo(200);

        ApiClient.Response rotated = api.post("/api/v1/admin/devices/" + device + "/rotate", ApiClient.adminAuth(), "");
        String newToken = rotated.data().get("token").asString();
        assertThat(newToken).isNotEqualTo(token).startsWith("tsd_");
        assertThat(push(List.of(sale(1238, 1, 15000))).status()).isEqualTo(401);
        assertThat(api.sync(newToken, Sales.batch(device, List.of(sale(1238, 1, 15000)))).status()).isEqualTo(200);

        api.post("/api/v1/admin/devices/" + device + "/revoke", ApiClient.adminAuth(), "");
        assertThat(api.sync(newToken, Sales.batch(device, List.of(sale(1238, 1, 15000)))).status()).isEqualTo(401);
        assertThat(salesOfDevice()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM devices WHERE device_id = ? AND token_hash IS NULL AND status = 'REVOKED'", device)).isEqualTo(1);
    }

    @Test
    void another_devices_id_is_refused_whole_and_another_branchs_item_is_an_item_error() {
        ApiClient.Response wrongDevice = api.sync(token, Sales.batch("SOMEONE-ELSE", List.of(sale(1238, 1, 15000))));
        assertThat(wrongDevice.status()).isEqualTo(403);
        assertThat(wrongDevice.errorCode()).isEqualTo("device_mismatch");

        Map<String, Object> foreign = sale(1238, 1, 15000);
        foreign.put("branch_code", TestData.OTHER_BRANCH);
        Map<String, Object> impostor = sale(1238, 1, 15000);
        impostor.put("device_id", "SOMEONE-ELSE");
        ApiClient.Response r = push(List.of(foreign, impostor, sale(1238, 1, 15000)));

        assertThat(r.result(0).get("error").get("code").asString()).isEqualTo("branch_mismatch");
        assertThat(r.result(0).get("conflict_detected").asBoolean()).isFalse();
        assertThat(r.result(1).get("error").get("code").asString()).isEqualTo("device_mismatch");
        assertThat(r.result(2).get("success").asBoolean()).isTrue();
        assertThat(salesOfDevice()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM offline_conflicts WHERE device_id = ?", device)).isZero();
    }

    @Test
    void a_payment_for_another_branchs_sale_is_refused() {
        String other = Sales.newDeviceId();
        String otherToken = api.enroll(other, TestData.OTHER_BRANCH);
        Map<String, Object> theirSale = Sales.sale(other, 1, 1238, 1, 15000);
        theirSale.put("branch_code", TestData.OTHER_BRANCH);
        api.sync(otherToken, Sales.batch(other, List.of(theirSale)));

        ApiClient.Response r = push(List.of(), List.of(), List.of(Sales.voidOf(theirSale.get("offline_id"))));

        assertThat(r.result(0).get("error").get("code").asString()).as(r.raw()).isEqualTo("branch_mismatch");
        assertThat(count("SELECT COUNT(*) FROM voids WHERE device_id = ?", device)).isZero();
    }

    @Test
    void the_admin_api_wants_an_admin() {
        assertThat(api.post("/api/v1/admin/devices", null, "{}").status()).isEqualTo(401);
        assertThat(api.post("/api/v1/admin/devices", "Bearer " + token, "{}").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/devices", ApiClient.basic("admin", "wrong-password-123"), "{}").status()).isEqualTo(401);
        ApiClient.Response taken = api.post("/api/v1/admin/devices", ApiClient.adminAuth(),
                "{\"device_id\":\"" + device + "\",\"branch_code\":\"" + TestData.BRANCH + "\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().get("error").get("field").asString()).isEqualTo("device_id");
        ApiClient.Response badBranch = api.post("/api/v1/admin/devices", ApiClient.adminAuth(),
                "{\"device_id\":\"NEW-ONE\",\"branch_code\":\"NOPE\"}");
        assertThat(badBranch.status()).isEqualTo(422);
        assertThat(badBranch.body().get("error").get("field").asString()).isEqualTo("branch_code");
    }
}
