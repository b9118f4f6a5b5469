package io.tillsync.security;

public enum Role {
    /** Everything, in every branch: users, branches, policies, devices. */
    ADMIN,
    /** The branches assigned to them: transactions, devices, conflicts. */
    MANAGER
}
