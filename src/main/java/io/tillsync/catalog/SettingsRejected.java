package io.tillsync.catalog;

import io.tillsync.base.Rejected;

/** A branch setting that breaks a rule; {@code field} names the record component, so the form can show it beside its field. */
public class SettingsRejected extends Rejected {

    public SettingsRejected(String field, String message) {
        super(field, message);
    }

    public SettingsRejected(String field, String messageKey, String message, Object... messageArgs) {
        super(field, messageKey, message, messageArgs);
    }
}
