package io.tillsync.security;

import io.tillsync.base.ui.SignedInName;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The back-office user of the current request, read fresh so a disabled user or a changed branch list applies at once. */
@Component
public class CurrentUser implements SignedInName {

    private final AppUserRepository users;

    CurrentUser(AppUserRepository users) {
        this.users = users;
    }

    @Transactional(readOnly = true)
    public Optional<UserScope> scope() {
        return user().map(u -> new UserScope(u.getId(), u.getUsername(), u.getRole(), u.getRole() == Role.ADMIN ? null : u.getBranchIds()));
    }

    /** The name the person was given in Users, such as "Rina Wulandari"; the top bar shows it instead of the login name. */
    @Override
    @Transactional(readOnly = true)
    public Optional<String> fullName() {
        return user().map(AppUser::getDisplayName).filter(name -> !name.isBlank());
    }

    private Optional<AppUser> user() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return users.findByUsername(auth.getName()).filter(AppUser::isEnabled);
    }

    public UserScope require() {
        return scope().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Not signed in"));
    }
}
