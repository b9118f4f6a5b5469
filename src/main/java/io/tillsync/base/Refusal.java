package io.tillsync.base;

/**
 * A refusal that can be worded in another language: a stable message key with its arguments, beside
 * the English message the API sends. The key never reaches the wire, so tills keep reading the same text.
 */
public interface Refusal {

    /** A key of the back-office translations, or null when only the English message exists. */
    String messageKey();

    Object[] messageArgs();
}
