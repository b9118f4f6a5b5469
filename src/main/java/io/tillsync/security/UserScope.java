package io.tillsync.security;

import java.util.List;
import io.tillsync.base.Where;
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

    /**
     * The branches a query may read, given an optional branch asked for: null for all (an admin
     * asking for none), empty when nothing can match, else the allowed ones in id order.
     */
    public List<Long> branchesWithin(Long branchId) {
        if (branchId != null) {
            return mayAccess(branchId) ? List.of(branchId) : List.of();
        }
        return branchIds == null ? null : branchIds.stream().sorted().toList();
    }

    /**
     * Cuts a query to what this user may see, given an optional branch asked for: the condition on
     * {@code column} joins {@code where}, which matches nothing when the user may see none of it.
     * Every back-office read of branch data goes through here.
     */
    public Where restrict(Where where, String column, Long branchId) {
        return where.in(column, "scopeBranches", branchesWithin(branchId));
    }
}
