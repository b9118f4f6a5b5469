package io.tillsync.backoffice;

import java.util.Optional;

/**
 * The signed-in person's full name for the top bar, offered by the module that keeps the users:
 * the frame lives in {@code base}, which depends on no feature module.
 */
public interface SignedInName {

    /** The full name of whoever is signed in, or empty when there is none to show (the bar then shows the login name). */
    Optional<String> fullName();
}
