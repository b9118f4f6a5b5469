package io.tillsync.base;

import org.springframework.http.HttpStatus;

/**
 * A whole-request problem, answered with the one error shape of the API:
 * {@code {"code": 4xx, "error": {"code": "...", "message": "...", "field": "..."}}}.
 */
public class ApiException extends RuntimeException implements Refusal {

    private final HttpStatus status;
    private final String code;
    private final String field;
    private String messageKey;
    private Object[] messageArgs = new Object[0];

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(HttpStatus status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /** The same refusal in the back-office's words; the API still answers with the English message. */
    public ApiException worded(String key, Object... args) {
        this.messageKey = key;
        this.messageArgs = args;
        return this;
    }

    @Override
    public String messageKey() {
        return messageKey;
    }

    @Override
    public Object[] messageArgs() {
        return messageArgs.clone();
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
