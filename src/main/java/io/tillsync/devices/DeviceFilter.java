package io.tillsync.devices;

/** What the device grid shows; {@code null} parts mean "any". */
public record DeviceFilter(Long branchId, HealthState state, String search) {

    public static final DeviceFilter ALL = new DeviceFilter(null, null, null);

    public DeviceFilter withBranchId(Long value) {
        return new DeviceFilter(value, state, search);
    }

    public DeviceFilter withState(HealthState value) {
        return new DeviceFilter(branchId, value, search);
    }

    public DeviceFilter withSearch(String value) {
        return new DeviceFilter(branchId, state, value == null || value.isBlank() ? null : value.strip());
    }
}
