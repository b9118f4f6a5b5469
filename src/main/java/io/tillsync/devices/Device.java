package io.tillsync.devices;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** An enrolled till. Only the hash of its token is kept; the token itself is shown once. */
@Entity
@Table(name = "devices")
public class Device {

    public static final int DEVICE_ID_MAX = 64;
    public static final String DEVICE_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    public static final int NAME_MAX = 120;

    public enum Status { ACTIVE, REVOKED }

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

    Device(String deviceId, long branchId, String name) {
        this.deviceId = deviceId;
        this.branchId = branchId;
        this.name = name;
        this.status = Status.ACTIVE;
        this.createdAt = Instant.now();
    }

    void issueToken(DeviceTokens.Issued token) {
        this.tokenPrefix = token.prefix();
        this.tokenHash = token.hash();
        this.tokenIssuedAt = Instant.now();
        this.status = Status.ACTIVE;
        this.revokedAt = null;
    }

    void revoke() {
        this.status = Status.REVOKED;
        this.tokenHash = null;
        this.revokedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public Long getBranchId() {
        return branchId;
    }

    public String getName() {
        return name;
    }

    public Status getStatus() {
        return status;
    }

    public String getTokenPrefix() {
        return tokenPrefix;
    }

    public Instant getTokenIssuedAt() {
        return tokenIssuedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    public Instant getLastSyncAt() {
        return lastSyncAt;
    }

    public Instant getLastSuccessAt() {
        return lastSuccessAt;
    }

    public Instant getLastFailureAt() {
        return lastFailureAt;
    }

    public int getConsecutiveFailures() {
        return consecutiveFailures;
    }

    public String getAppVersion() {
        return appVersion;
    }

    public Integer getQueueDepth() {
        return queueDepth;
    }

    public Long getClockSkewMs() {
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
