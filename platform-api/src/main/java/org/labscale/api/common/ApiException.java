package org.labscale.api.common;

import java.util.Map;

import jakarta.ws.rs.core.Response.Status;

/**
 * A request failed for a reason the caller can act on. Carries the HTTP status and the {@code code}, message and
 * details of the {@link org.labscale.shared.api.ErrorBody} sent back.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : details;
    }

    public ApiException(Status status, String code, String message) {
        this(status.getStatusCode(), code, message, Map.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /**
     * The one answer for "missing" and "not yours": both read the same, so another lab's data cannot be detected.
     */
    public static ApiException notFound(String what, Object id) {
        return new ApiException(404, "not-found", "No " + what + " with id " + id + " exists, or you cannot see it.",
                Map.of("resource", what, "id", String.valueOf(id)));
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(Status.BAD_REQUEST, code, message);
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, "validation.invalid-field", message, Map.of("field", field));
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(Status.FORBIDDEN, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(Status.CONFLICT, code, message);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(Status.UNAUTHORIZED, code, message);
    }
}
