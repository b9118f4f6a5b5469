package io.tillsync.security;

import io.tillsync.base.Rejected;

/**
 * A user form value that breaks a rule. The message keeps its "Field: reason" shape, which the form
 * reads to find the field; the key words the reason in the admin's language.
 */
public class UserRejected extends Rejected {

    public UserRejected(String message, String messageKey, Object... messageArgs) {
        super(null, messageKey, message, messageArgs);
    }
}
