package io.tillsync.security;

import io.tillsync.base.Refusal;

/**
 * A user form value that breaks a rule. The message keeps its "Field: reason" shape, which the form
 * reads to find the field; the key words the reason in the admin's language.
 */
public class UserRejected extends IllegalArgumentException implements Refusal {

    private final String messageKey;
    private final Object[] messageArgs;

    public UserRejected(String message, String messageKey, Object... messageArgs) {
        super(message);
        this.messageKey = messageKey;
        this.messageArgs = messageArgs;
    }

    @Override
    public String messageKey() {
        return messageKey;
    }

    @Override
    public Object[] messageArgs() {
        return messageArgs.clone();
    }
}
