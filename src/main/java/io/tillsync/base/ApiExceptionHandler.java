package io.tillsync.base;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error of the API in one shape; never a stack trace to the caller. */
@RestControllerAdvice(basePackages = "io.tillsync")
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(Rejected.class)
    ResponseEntity<ApiEnvelope> api(Rejected e) {
        return respond(ApiEnvelope.status(e.kind()), e.code(), e.getMessage(), e.field());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiEnvelope> unreadable(HttpMessageNotReadableException e) {
        return respond(HttpStatus.BAD_REQUEST, "malformed_json", "The request body is not valid JSON of the expected shape", null);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiEnvelope> invalid(MethodArgumentNotValidException e) {
        var fieldError = e.getBindingResult().getFieldErrors().stream().findFirst();
        String field = fieldError.map(f -> f.getField()).orElse(null);
        String message = fieldError.map(f -> f.getField() + ": " + f.getDefaultMessage()).orElse("Invalid request");
        return respond(HttpStatus.UNPROCESSABLE_CONTENT, "validation_error", message, field);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiEnvelope> violation(ConstraintViolationException e) {
        var first = e.getConstraintViolations().stream().findFirst();
        String field = first.map(v -> v.getPropertyPath().toString()).orElse(null);
        return respond(HttpStatus.UNPROCESSABLE_CONTENT, "validation_error",
                first.map(v -> v.getPropertyPath() + ": " + v.getMessage()).orElse("Invalid request"), field);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ApiEnvelope> badParameter(Exception e) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        return respond(HttpStatus.BAD_REQUEST, "invalid_parameter", "Invalid or missing parameter: " + name, name);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiEnvelope> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send Content-Type: application/json", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiEnvelope> method(HttpRequestMethodNotSupportedException e) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Method " + e.getMethod() + " is not allowed here", null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiEnvelope> notFound(NoResourceFoundException e) {
        return respond(HttpStatus.NOT_FOUND, "not_found", "No such endpoint", null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiEnvelope> denied(AccessDeniedException e) {
        return respond(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", null);
    }

    /** The database is away (restarting, failing over, a commit whose outcome is unknown): the client retries, replays make it safe. */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<ApiEnvelope> unavailable(Exception e, HttpServletRequest request) {
        log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "2").body(ApiEnvelope.error(503,
                "service_unavailable", "The server cannot reach its database; it is safe to send the same request again", null));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiEnvelope> unexpected(Exception e, HttpServletRequest request) {
        if (databaseAway(e)) {
            return unavailable(e, request);
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "The server could not handle the request; it is safe to retry", null);
    }

    /** The database cannot serve this request now; see {@link DatabaseAway}. */
    static boolean databaseAway(Throwable e) {
        return DatabaseAway.of(e);
    }

    private static ResponseEntity<ApiEnvelope> respond(HttpStatus status, String code, String message, String field) {
        return ResponseEntity.status(status).body(ApiEnvelope.error(status.value(), code, message, field));
    }
}
