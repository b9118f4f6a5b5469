package io.tillsync.base;

/**
 * The one refusal type: something a person or a device asked for breaks a rule. It names the field
 * it is about (or none), carries the English message the API sends, and a message key with its
 * arguments that words it in the back-office user's language.
 */
public class Rejected extends IllegalArgumentException implements Refusal {

    private final String field;
    private String messageKey;
    private Object[] messageArgs;

    public Rejected(String field, String message) {
        this(field, null, message);
    }

    public Rejected(String field, String messageKey, String message, Object... messageArgs) {
        super(message);
        this.field = field;
        this.messageKey = messageKey;
        this.messageArgs = messageArgs;
    }

    /** The same refusal in the back-office's words; the API still answers with the English message. */
    public Rejected worded(String key, Object... args) {
        this.messageKey = key;
        this.messageArgs = args;
        return this;
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
