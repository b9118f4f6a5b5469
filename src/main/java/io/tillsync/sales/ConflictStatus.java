package io.tillsync.sales;

/** Where a conflict stands: waiting for a person, held by policy until what it waits for arrives, or settled. */
public enum ConflictStatus {
    OPEN("open"),
    HELD("held"),
    RESOLVED("resolved");

    private final String wire;

    ConflictStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Open and held conflicts both still wait. */
    public boolean waiting() {
        return this != RESOLVED;
    }

    public static ConflictStatus fromWire(String value) {
        for (ConflictStatus s : values()) {
            if (s.wire.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown conflict status: " + value);
    }
}
