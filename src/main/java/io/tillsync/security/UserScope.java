package io.tillsync.security;

import java.util.Set;

/**
 * What the signed-in back-office user may see.
 *
 * @param branchIds the branches assigned to a manager; {@code null} for an admin, who sees all
 */
public record UserScope(long userId, String username, Role role, Set<Long> branchIds) {

    public boolean admin() {
        return role == Role.ADMIN;
    }

    public boolean mayAccess(long branchId) {
        return branchIds == null || branchIds.contains(branchId);
    }
}
