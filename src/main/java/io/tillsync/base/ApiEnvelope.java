package io.tillsync.base;

import com.fasterxml.jackson.annotation.JsonInclude;

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

    /** For the few places that write JSON before Spring MVC is involved (security filters). */
    public static String errorJson(int status, String code, String message) {
        return "{\"code\":" + status + ",\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}}";
    }
}
