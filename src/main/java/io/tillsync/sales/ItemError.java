package io.tillsync.sales;

/** Why an item was refused, with a stable machine-readable code and the field it is about. */
public record ItemError(String code, String message, String field) {

    public static ItemError validation(String field, String message) {
        return new ItemError("validation_error", field + ": " + message, field);
    }

    public static ItemError internal() {
        return new ItemError("internal_error", "The server could not store this item; it is safe to send it again", null);
    }
}
