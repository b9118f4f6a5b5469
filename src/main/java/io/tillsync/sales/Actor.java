package io.tillsync.sales;

import java.util.Set;

/**
 * Who resolves a conflict: a device (of the conflict's branch) or a back-office user.
 *
 * @param branchIds the branches the actor may act on; {@code null} for an admin, who may act on all
 */
public record Actor(String name, Long userId, Set<Long> branchIds) {

    public boolean mayActOn(long branchId) {
        return branchIds == null || branchIds.contains(branchId);
    }

    public static Actor device(String deviceId, long branchId) {
        return new Actor("device:" + deviceId, null, Set.of(branchId));
    }

    public static Actor user(String username, long userId, Set<Long> branchIds) {
        return new Actor("user:" + username, userId, branchIds);
    }
}
