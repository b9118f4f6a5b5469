package io.tillsync.sales;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** The items of a batch as received, still raw: each is read and refused or booked on its own. */
public record IntakeBatch(List<JsonNode> transactions, List<JsonNode> payments, List<JsonNode> voids) {

    public int size() {
        return transactions.size() + payments.size() + voids.size();
    }
}
