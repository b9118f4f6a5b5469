package io.tillsync.catalog;

import io.tillsync.base.Refusal;

/** A form value that breaks a rule; {@code field} names the record component, so the form can show it beside its field. */
public class SettingsRejected extends RuntimeException implements Refusal {

    private final String field;
    private final String messageKey;
    private final Object[] messageArgs;

    public SettingsRejected(String field, String message) {
        this(field, null, message);
    }

    public SettingsRejected(String field, String messageKey, String message, Object... messageArgs) {
        super(message);
        this.field = field;
        this.messageKey = messageKey;
        this.messageArgs = messageArgs;
    }

    public String field() {
        return field;
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
