package io.tillsync.base;

import org.springframework.http.HttpStatus;

/**
 * A refusal of the API, answered with its one error shape:
 * {@code {"code": 4xx, "error": {"code": "...", "message": "...", "field": "..."}}}.
 */
public class ApiException extends Rejected {

    private final HttpStatus status;
    private final String code;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(HttpStatus status, String code, String message, String field) {
        super(field, message);
        this.status = status;
        this.code = code;
    }

    @Override
    public ApiException worded(String key, Object... args) {
        super.worded(key, args);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
