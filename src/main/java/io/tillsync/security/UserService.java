package io.tillsync.security;

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

    @Transactional(readOnly = true)
    public boolean anyUser() {
        return users.count() > 0;
    }

    @Transactional(readOnly = true)
    public Optional<AppUser> find(String username) {
        return users.findByUsername(username);
    }
}
