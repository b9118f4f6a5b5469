package io.tillsync.backoffice;

/**
 * Whether whoever a tab belongs to may still use the back-office (a disabled user may not),
 * answered by the module that keeps the users: the frame lives in {@code base}.
 */
public interface SignedInCheck {

    /** True while the signed-in user exists and is enabled; false when there is none or the account was disabled. */
    boolean stillSignedIn();
}
