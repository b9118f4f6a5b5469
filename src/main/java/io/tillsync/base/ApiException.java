package io.tillsync.base;

import org.springframework.http.HttpStatus;

/**
 * A whole-request problem, answered with the one error shape of the API:
 * {@code {"code": 4xx, "error": {"code": "...", "message": "...", "field": "..."}}}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String field;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(HttpStatus status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
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
