package io.tillsync.security;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

@Entity
@Table(name = "app_users")
public class AppUser {

    public static final int USERNAME_MAX = 60;
    public static final String USERNAME_PATTERN = "[a-z0-9][a-z0-9._-]{2,59}";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String username;
    private String displayName;
    private String passwordHash;
    @Enumerated(EnumType.STRING)
    private Role role;
    private boolean enabled;
    private String locale;
    private Instant createdAt;
    private Instant passwordChangedAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "app_user_branches", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "branch_id")
    private Set<Long> branchIds = new HashSet<>();
    @Version
    private long version;

    protected AppUser() {
    }

    AppUser(String username, String displayName, String passwordHash, Role role, Set<Long> branchIds) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.role = role;
        this.enabled = true;
        this.createdAt = Instant.now();
        this.passwordChangedAt = createdAt;
        this.branchIds = new HashSet<>(branchIds);
    }

    void changePassword(String hash) {
        this.passwordHash = hash;
        this.passwordChangedAt = Instant.now();
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void assign(Role role, Set<Long> branchIds) {
        this.role = role;
        this.branchIds = new HashSet<>(branchIds);
    }

    void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getLocale() {
        return locale;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Set<Long> getBranchIds() {
        return Set.copyOf(branchIds);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppUser other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return AppUser.class.hashCode();
    }
}
