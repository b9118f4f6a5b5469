package io.tillsync.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Back-office users. Only admins manage them; the first admin is created at first start. */
@Service
public class UserService {

    private final AppUserRepository users;
    private final PasswordEncoder encoder;

    UserService(AppUserRepository users, PasswordEncoder encoder) {
        this.users = users;
        this.encoder = encoder;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public AppUser create(String username, String displayName, String password, Role role, Set<Long> branchIds) {
        return createUnchecked(username, displayName, password, role, branchIds);
    }

    AppUser createUnchecked(String username, String displayName, String password, Role role, Set<Long> branchIds) {
        if (role == Role.MANAGER && (branchIds == null || branchIds.isEmpty())) {
            throw new IllegalArgumentException("Branches: a manager needs at least one branch");
        }
        String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        if (!name.matches(AppUser.USERNAME_PATTERN)) {
            throw new IllegalArgumentException("Username: 3 to 60 lower-case letters, digits, '.', '_' or '-'");
        }
        if (users.findByUsername(name).isPresent()) {
            throw new IllegalArgumentException("Username: already taken");
        }
        PasswordPolicy.problem(password, name).ifPresent(p -> {
            throw new IllegalArgumentException("Password: " + p);
        });
        return users.save(new AppUser(name, displayName == null || displayName.isBlank() ? name : displayName.strip(),
                encoder.encode(password), role, role == Role.ADMIN ? Set.of() : branchIds));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<AppUser> all() {
        return users.findAll(org.springframework.data.domain.Sort.by("username"));
    }

    /** Disables or enables a user; the change applies to their open session at its next request. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public AppUser setEnabled(long userId, boolean enabled, String actingUsername) {
        AppUser user = require(userId);
        if (!enabled && user.getUsername().equals(actingUsername)) {
            throw new IllegalArgumentException("User: you cannot disable yourself");
        }
        user.setEnabled(enabled);
        return user;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public AppUser resetPassword(long userId, String password) {
        AppUser user = require(userId);
        PasswordPolicy.problem(password, user.getUsername()).ifPresent(p -> {
            throw new IllegalArgumentException("Password: " + p);
        });
        user.changePassword(encoder.encode(password));
        return user;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public AppUser assign(long userId, Role role, Set<Long> branchIds, String actingUsername) {
        AppUser user = require(userId);
        if (role == null) {
            throw new IllegalArgumentException("Role: required");
        }
        if (user.getUsername().equals(actingUsername) && role != Role.ADMIN) {
            throw new IllegalArgumentException("Role: you cannot take the admin role from yourself");
        }
        if (role == Role.MANAGER && (branchIds == null || branchIds.isEmpty())) {
            throw new IllegalArgumentException("Branches: a manager needs at least one branch");
        }
        user.assign(role, role == Role.ADMIN ? Set.of() : branchIds);
        return user;
    }

    private AppUser require(long userId) {
        return users.findById(userId).orElseThrow(() -> new IllegalArgumentException("User: no such user"));
    }

    @Transactional(readOnly = true)
    public boolean anyUser() {
        return users.count() > 0;
    }

    @Transactional(readOnly = true)
    public Optional<AppUser> find(String username) {
        return users.findByUsername(username);
    }
}
