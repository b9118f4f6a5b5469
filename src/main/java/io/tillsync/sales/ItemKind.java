package io.tillsync.sales;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a device sends: a sale, a payment of a sale, or a void of a sale; with the contract's names. */
public enum ItemKind {
    SALE("transaction"),
    PAYMENT("payment"),
    VOID("void");

    private final String wire;

    ItemKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static ItemKind fromWire(String value) {
        for (ItemKind k : values()) {
            if (k.wire.equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown item type: " + value);
    }
}
