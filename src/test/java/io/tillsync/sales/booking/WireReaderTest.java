package io.tillsync.sales.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillsync.base.Json;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading one item off the wire: strict types and ranges, the field named in every refusal. */
class WireReaderTest {

    private static final String SALE = """
            { "offline_id": "0b7c6f1e-8a52-4d8e-9d0a-3f1c2b4a5e61", "offline_reference": "DEVICE001-20251013-001",
              "device_id": "DEVICE001", "created_at_device": "2025-10-13T17:30:00+07:00", "branch_code": "BRN-MST-OSK00001",
              "payment_method": "CASH", "id_user_apps": 5, "unknown_field": [1, 2],
              "items": [ { "product_id": 1238, "quantity": 2, "unit_price": "15000.00", "subtotal": 30000 } ],
              "subtotal": 30000, "discount_total": 0, "grand_total": 33000, "status": "paid" }""";

    private static ObjectNode sale() {
        return (ObjectNode) Json.parse(SALE);
    }

    private static String refusedField(JsonNode n) {
        try {
            WireReader.sale(n);
            throw new AssertionError("was read");
        } catch (WireReader.Invalid e) {
            return e.error().field();
        }
    }

    @Test
    void invisible_and_direction_changing_characters_in_identifiers_are_refused_naming_the_field() {
        for (String sneaky : new String[]{"\u200B", "\u200D", "\u202E", "\u2066", "\uFEFF", "\u00AD", "\u0085", "\u2028", "\uD800"}) {
            ObjectNode reference = sale();
            reference.put("offline_reference", "DEVICE001-2025" + sneaky + "1013-001");
            ObjectNode id = sale();
            id.put("offline_id", "0b7c6f1e-8a52-4d8e-9d0a-3f1c2b4a5e61" + sneaky);
            ObjectNode device = sale();
            device.put("device_id", sneaky + "DEVICE001");

            assertThat(refusedField(reference)).as("U+%04X", (int) sneaky.charAt(0)).isEqualTo("offline_reference");
            assertThat(refusedField(id)).isEqualTo("offline_id");
            assertThat(refusedField(device)).isEqualTo("device_id");
        }
        // letters of any script are identifiers as much as ASCII is
        ObjectNode javanese = sale();
        javanese.put("offline_reference", "KASIR-ꦱꦠꦸ-20251013-001");
        assertThat(WireReader.sale(javanese).offlineReference()).isEqualTo("KASIR-ꦱꦠꦸ-20251013-001");
    }

    @Test
    void the_contract_example_reads_with_the_device_day_of_its_own_offset_and_tax_left_to_the_branch() {
        SaleDoc d = WireReader.sale(sale());
        assertThat(d.createdAtDevice()).isEqualTo(Instant.parse("2025-10-13T10:30:00Z"));
        assertThat(d.deviceDate()).isEqualTo(LocalDate.of(2025, 10, 13));
        assertThat(d.taxTotal()).isNull();
        assertThat(d.items().getFirst().unitPrice()).isEqualByComparingTo("15000");
        assertThat(d.offline()).isTrue();
        assertThat(d.paid()).isTrue();
    }

    @Test
    void a_resend_with_other_key_order_number_spelling_and_offset_has_the_same_fingerprint() {
        ObjectNode other = sale();
        other.put("created_at_device", "2025-10-13T10:30:00Z");
        other.put("subtotal", "30000.00");
        other.remove("unknown_field");
        assertThat(Fingerprints.of(WireReader.sale(other))).isEqualTo(Fingerprints.of(WireReader.sale(sale())));
        other.put("grand_total", 33001);
        assertThat(Fingerprints.of(WireReader.sale(other))).isNotEqualTo(Fingerprints.of(WireReader.sale(sale())));
    }

    @Test
    void every_refusal_names_its_field() {
        ObjectNode n = sale();
        n.put("offline_id", "x".repeat(65));
        assertThat(refusedField(n)).isEqualTo("offline_id");
        n = sale();
        n.put("created_at_device", "2025-10-13 10:30");
        assertThat(refusedField(n)).isEqualTo("created_at_device");
        n = sale();
        ((ObjectNode) n.get("items").get(0)).put("quantity", -1);
        assertThat(refusedField(n)).isEqualTo("items[0].quantity");
        n = sale();
        ((ObjectNode) n.get("items").get(0)).put("unit_price", "15000.001");
        assertThat(refusedField(n)).isEqualTo("items[0].unit_price");
        n = sale();
        n.putArray("items");
        assertThat(refusedField(n)).isEqualTo("items");
        n = sale();
        n.put("status", "refunded");
        assertThat(refusedField(n)).isEqualTo("status");
        n = sale();
        n.put("grand_total", true);
        assertThat(refusedField(n)).isEqualTo("grand_total");
    }

    @Test
    void a_payment_needs_a_positive_amount_and_a_void_its_sale() {
        JsonNode payment = Json.parse("""
                { "offline_id": "1b7c6f1e-8a52-4d8e-9d0a-3f1c2b4a5e61", "transaction_offline_id": "0b7c6f1e-8a52-4d8e-9d0a-3f1c2b4a5e61",
                  "method": "QRIS", "amount": 33000, "paid_at_device": "2025-10-13T10:30:05Z", "gateway_reference": "QR-1" }""");
        PaymentDoc p = WireReader.payment(payment);
        assertThat(p.kind().wire()).isEqualTo("payment");
        assertThat(p.transactionOfflineId()).isEqualTo("0b7c6f1e-8a52-4d8e-9d0a-3f1c2b4a5e61");
        ((ObjectNode) payment).put("amount", 0);
        assertThatThrownBy(() -> WireReader.payment(payment)).isInstanceOf(WireReader.Invalid.class).hasMessageStartingWith("amount");
        JsonNode voidItem = Json.parse("""
                { "offline_id": "2b7c6f1e-8a52-4d8e-9d0a-3f1c2b4a5e61", "voided_at_device": "2025-10-13T10:40:00Z" }""");
        assertThatThrownBy(() -> WireReader.voidOf(voidItem)).isInstanceOf(WireReader.Invalid.class)
                .hasMessageStartingWith("transaction_offline_id");
    }

    @Test
    void an_unreadable_item_still_names_its_offline_id_when_it_has_one() {
        assertThat(WireReader.offlineIdOf(Json.parse("{\"offline_id\": \"abc\"}"))).isEqualTo("abc");
        assertThat(WireReader.offlineIdOf(Json.parse("{\"offline_id\": 5}"))).isNull();
        assertThat(WireReader.offlineIdOf(Json.parse("[1]"))).isNull();
    }
}
