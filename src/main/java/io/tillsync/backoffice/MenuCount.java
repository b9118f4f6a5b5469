package io.tillsync.backoffice;

import java.util.OptionalLong;

/**
 * A number shown beside a menu entry (the open conflicts beside Conflicts), offered by the module
 * that owns it: the frame lives in {@code base}, which depends on no feature module.
 */
public interface MenuCount {

    /** The menu entry's route, without the leading slash. */
    String path();

    /** The number for the signed-in user, or empty when there is nothing to show them. */
    OptionalLong count();
}
