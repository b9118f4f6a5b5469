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
            throw new UserRejected("Branches: a manager needs at least one branch", "refusal.user.managerBranches");
        }
        String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        if (!name.matches(AppUser.USERNAME_PATTERN)) {
            throw new UserRejected("Username: 3 to 60 lower-case letters, digits, '.', '_' or '-'", "refusal.user.usernameShape");
        }
        if (users.findByUsername(name).isPresent()) {
            throw new UserRejected("Username: already taken", "refusal.user.usernameTaken");
        }
        PasswordPolicy.refusal(password, name).ifPresent(p -> {
            throw new UserRejected("Password: " + p.getMessage(), p.messageKey(), p.messageArgs());
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
            throw new UserRejected("User: you cannot disable yourself", "refusal.user.disableSelf");
        }
        user.setEnabled(enabled);
        return user;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public AppUser resetPassword(long userId, String password) {
        AppUser user = require(userId);
        PasswordPolicy.refusal(password, user.getUsername()).ifPresent(p -> {
            throw new UserRejected("Password: " + p.getMessage(), p.messageKey(), p.messageArgs());
        });
        user.changePassword(encoder.encode(password));
        return user;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public AppUser assign(long userId, Role role, Set<Long> branchIds, String actingUsername) {
        AppUser user = require(userId);
        if (role == null) {
            throw new UserRejected("Role: required", "form.required");
        }
        if (user.getUsername().equals(actingUsername) && role != Role.ADMIN) {
            throw new UserRejected("Role: you cannot take the admin role from yourself", "refusal.user.demoteSelf");
        }
        if (role == Role.MANAGER && (branchIds == null || branchIds.isEmpty())) {
            throw new UserRejected("Branches: a manager needs at least one branch", "refusal.user.managerBranches");
        }
        user.assign(role, role == Role.ADMIN ? Set.of() : branchIds);
        return user;
    }

    private AppUser require(long userId) {
        return users.findById(userId).orElseThrow(() -> new UserRejected("User: no such user", "refusal.user.unknown"));
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
