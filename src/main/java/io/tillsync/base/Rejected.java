package io.tillsync.base;

/**
 * The one refusal type: something a person or a device asked for breaks a rule. It says what kind
 * of refusal it is ({@link Kind}: the API's edge answers each kind with its HTTP status, in one
 * place), carries a stable machine-readable code and the English message the API sends, names the
 * field it is about (or none), and a message key with its arguments that words it in the
 * back-office user's language. Services throw it (or a subtype whose reasons are an enum views can
 * switch on); they never speak HTTP.
 */
public class Rejected extends IllegalArgumentException implements Refusal {

    /** What kind of refusal this is, as the caller must take it. */
    public enum Kind {
        /** A value breaks a rule: the request as a whole was understood. */
        INVALID,
        /** The request itself cannot be read: malformed body, unknown parameter value, a bad cursor. */
        MALFORMED,
        /** No such thing, or none the caller may see: the two read alike. */
        NOT_FOUND,
        /** The thing is in a state that refuses this: already done, already there, in use. */
        CONFLICT,
        /** The caller may not do this, whoever they are. */
        FORBIDDEN,
        /** Too much at once: too many items, too large a body. */
        TOO_LARGE,
        /** A content type the endpoint does not take. */
        UNSUPPORTED,
        /** A method the endpoint does not take. */
        NOT_ALLOWED,
        /** It existed but is gone for good (an expired cursor): start over. */
        GONE,
        /** Not now: the same request may succeed later. */
        UNAVAILABLE
    }

    /**
     * A module's reasons for refusing, an enum views switch on instead of comparing codes: each names
     * its kind, and its code is its name in lower case.
     */
    public interface Reason {

        Kind kind();

        default String code() {
            return ((Enum<?>) this).name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String code;
    private final Reason why;
    private final String field;
    private String messageKey;
    private Object[] messageArgs;

    /** A broken rule of a form or a request field ({@code validation_error}). */
    public Rejected(String field, String message) {
        this(field, null, message);
    }

    public Rejected(String field, String messageKey, String message, Object... messageArgs) {
        this(Kind.INVALID, "validation_error", message, field);
        this.messageKey = messageKey;
        this.messageArgs = messageArgs;
    }

    public Rejected(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    public Rejected(Kind kind, String code, String message, String field) {
        this(kind, code, null, message, field);
    }

    /** A refusal for one of a module's own reasons. */
    public Rejected(Reason why, String message, String field) {
        this(why.kind(), why.code(), why, message, field);
    }

    private Rejected(Kind kind, String code, Reason why, String message, String field) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.why = why;
        this.field = field;
        this.messageArgs = new Object[0];
    }

    /** The same refusal in the back-office's words; the API still answers with the English message. */
    public Rejected worded(String key, Object... args) {
        this.messageKey = key;
        this.messageArgs = args;
        return this;
    }

    public Kind kind() {
        return kind;
    }

    /** The stable code devices and integrations read, such as {@code already_resolved}. */
    public String code() {
        return code;
    }

    /** The module's reason, or null for a plain broken rule or a malformed request. */
    public Reason why() {
        return why;
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
        return messageArgs == null ? new Object[0] : messageArgs.clone();
    }
}
