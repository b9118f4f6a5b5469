package io.tillsync.base;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatus;

/** The envelope of every API answer: {@code code} mirrors the HTTP status, then data or error. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiEnvelope(int code, Object data, ErrorBody error) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorBody(String code, String message, String field) {
    }

    public static ApiEnvelope ok(Object data) {
        return new ApiEnvelope(200, data, null);
    }

    public static ApiEnvelope of(int status, Object data) {
        return new ApiEnvelope(status, data, null);
    }

    public static ApiEnvelope error(int status, String code, String message, String field) {
        return new ApiEnvelope(status, null, new ErrorBody(code, message, field));
    }

    /** The HTTP status the API answers a kind of refusal with: the one place where refusals become HTTP. */
    public static HttpStatus status(Rejected.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case GONE -> HttpStatus.GONE;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** For the few places that write JSON before Spring MVC is involved (security filters). */
    public static String errorJson(int status, String code, String message) {
        return "{\"code\":" + status + ",\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}}";
    }
}
