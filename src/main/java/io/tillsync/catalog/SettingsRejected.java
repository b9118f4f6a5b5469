package io.tillsync.catalog;

/** A form value that breaks a rule; {@code field} names the record component, so the form can show it beside its field. */
public class SettingsRejected extends RuntimeException {

    private final String field;

    public SettingsRejected(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
