package io.tillsync.devices;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * An enrolled till's row. Only the hash of its token is kept; the token itself is shown once. Other
 * modules see a till as the {@link RegisteredDevice} value this module hands out.
 */
@Entity
@Table(name = "devices")
class Device {

    enum Status { ACTIVE, REVOKED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String deviceId;
    private Long branchId;
    private String name;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status;
    private String tokenPrefix;
    private String tokenHash;
    private Instant tokenIssuedAt;
    private Instant createdAt;
    private Instant revokedAt;
    private Instant lastSeenAt;
    private Instant lastSyncAt;
    private Instant lastSuccessAt;
    private Instant lastFailureAt;
    private int consecutiveFailures;
    private String appVersion;
    private Integer queueDepth;
    private Long clockSkewMs;
    @Version
    private long version;

    protected Device() {
    }

    Device(String deviceId, long branchId, String name, Instant now) {
        this.deviceId = deviceId;
        this.branchId = branchId;
        this.name = name;
        this.status = Status.ACTIVE;
        this.createdAt = now;
    }

    void issueToken(DeviceTokens.Issued token, Instant now) {
        this.tokenPrefix = token.prefix();
        this.tokenHash = token.hash();
        this.tokenIssuedAt = now;
        this.status = Status.ACTIVE;
        this.revokedAt = null;
    }

    void revoke(Instant now) {
        this.status = Status.REVOKED;
        this.tokenHash = null;
        this.revokedAt = now;
    }

    RegisteredDevice toValue() {
        return new RegisteredDevice(id, deviceId, branchId, name, status == Status.REVOKED, createdAt, revokedAt, lastSeenAt,
                lastSyncAt, lastSuccessAt, lastFailureAt, consecutiveFailures, appVersion, queueDepth, clockSkewMs);
    }

    Long getId() {
        return id;
    }

    String getDeviceId() {
        return deviceId;
    }

    Long getBranchId() {
        return branchId;
    }

    String getName() {
        return name;
    }

    Status getStatus() {
        return status;
    }

    String getTokenPrefix() {
        return tokenPrefix;
    }

    Instant getTokenIssuedAt() {
        return tokenIssuedAt;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getRevokedAt() {
        return revokedAt;
    }

    Instant getLastSeenAt() {
        return lastSeenAt;
    }

    Instant getLastSyncAt() {
        return lastSyncAt;
    }

    Instant getLastSuccessAt() {
        return lastSuccessAt;
    }

    Instant getLastFailureAt() {
        return lastFailureAt;
    }

    int getConsecutiveFailures() {
        return consecutiveFailures;
    }

    String getAppVersion() {
        return appVersion;
    }

    Integer getQueueDepth() {
        return queueDepth;
    }

    Long getClockSkewMs() {
        return clockSkewMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return Device.class.hashCode();
    }
}
