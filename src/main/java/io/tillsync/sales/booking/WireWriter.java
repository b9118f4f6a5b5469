package io.tillsync.sales.booking;

import io.tillsync.base.Json;
import java.math.BigDecimal;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Documents back to the contract's wire shape, for server_data and final documents. */
final class WireWriter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private WireWriter() {
    }

    static ObjectNode sale(SaleDoc d) {
        ObjectNode n = F.objectNode();
        n.put("offline_id", d.offlineId());
        n.put("offline_reference", d.offlineReference());
        n.put("device_id", d.deviceId());
        n.put("created_at_device", d.createdAtDevice().toString());
        n.put("branch_code", d.branchCode());
        n.put("payment_method", d.paymentMethod());
        if (d.idUserApps() != null) {
            n.put("id_user_apps", d.idUserApps());
        }
        ArrayNode items = n.putArray("items");
        for (SaleLine l : d.items()) {
            ObjectNode line = items.addObject();
            line.put("product_id", l.productId());
            line.put("quantity", number(l.quantity()));
            line.put("unit_price", number(l.unitPrice()));
            line.put("subtotal", number(l.subtotal()));
        }
        n.put("subtotal", number(d.subtotal()));
        n.put("discount_total", number(d.discountTotal()));
        if (d.taxTotal() != null) {
            n.put("tax_total", number(d.taxTotal()));
        }
        n.put("grand_total", number(d.grandTotal()));
        n.put("status", d.status());
        if (d.gatewayReference() != null) {
            n.put("gateway_reference", d.gatewayReference());
        }
        return n;
    }

    static ObjectNode state(Map<String, Object> state) {
        return Json.MAPPER.valueToTree(state);
    }

    static JsonNode parse(String json) {
        return Json.parse(json);
    }

    static String write(JsonNode node) {
        return Json.write(node);
    }

    /** Whole amounts as integers (15000, not 15000.00), as tills write them. */
    private static BigDecimal number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
