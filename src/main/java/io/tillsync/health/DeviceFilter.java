package io.tillsync.health;


/**
 * What the device grid shows; {@code null} parts mean "any".
 *
 * @param needsAttention only tills in a state that {@link HealthState#needsAttention() needs attention}
 */
public record DeviceFilter(Long branchId, HealthState state, String search, boolean needsAttention) {

    public static final DeviceFilter ALL = new DeviceFilter(null, null, null, false);

    public DeviceFilter withBranchId(Long value) {
        return new DeviceFilter(value, state, search, needsAttention);
    }

    public DeviceFilter withState(HealthState value) {
        return new DeviceFilter(branchId, value, search, needsAttention);
    }

    public DeviceFilter withSearch(String value) {
        return new DeviceFilter(branchId, state, value == null || value.isBlank() ? null : value.strip(), needsAttention);
    }

    public DeviceFilter withNeedsAttention(boolean value) {
        return new DeviceFilter(branchId, state, search, value);
    }
}
