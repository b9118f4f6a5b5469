package io.tillsync.catalog;

/** What a branch does on its own with a kind of conflict, before a person has to look. */
public enum ResolutionPolicy {
    /** Book the device's version as sent. */
    KEEP_LOCAL("keep_local"),
    /** Keep it open until the item it waits for arrives, then settle it by itself. */
    HOLD("hold"),
    /** Leave it to a store manager. */
    MANUAL("manual");

    private final String wire;

    ResolutionPolicy(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ResolutionPolicy fromWire(String value) {
        for (ResolutionPolicy p : values()) {
            if (p.wire.equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown policy: " + value);
    }
}
