package io.tillsync.sales;

/** The contract's three kinds of conflict, with their wire names. */
public enum ConflictType {
    DUPLICATE("duplicate"),
    DATA_MISMATCH("data_mismatch"),
    CONSTRAINT_VIOLATION("constraint_violation");

    private final String wire;

    ConflictType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ConflictType fromWire(String value) {
        for (ConflictType t : values()) {
            if (t.wire.equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown conflict type: " + value);
    }
}
