package org.labscale.ui.api;

import java.util.Map;

/**
 * The API answered with an error status. The message is the API's own {@code message}; {@link #code()} is its
 * machine-readable code (or {@code http.<status>} where the body was not the API's error JSON, e.g. a proxy page).
 */
public final class ApiErrorException extends ApiException {

    /** Code of the API's 401 for a wrong email or password. */
    public static final String INVALID_CREDENTIALS = "auth.invalid-credentials";
    /** Code of the API's 401 for a request without a bearer token. */
    public static final String AUTH_REQUIRED = "auth.required";
    /** Code of the API's 401 for an unknown, expired or revoked bearer token. */
    public static final String INVALID_TOKEN = "auth.invalid-token";
    /** Code of the API's 403 for an action the caller's role does not allow. */
    public static final String FORBIDDEN = "auth.forbidden";

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiErrorException(int status, String code, String message, Map<String, Object> details) {
        super(message, null);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
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
     * Whether the API refused the bearer token ({@value #AUTH_REQUIRED}, {@value #INVALID_TOKEN}, a malformed
     * header) rather than a password: every 401 except {@value #INVALID_CREDENTIALS}.
     */
    public boolean isUnauthenticated() {
        return status == 401 && !INVALID_CREDENTIALS.equals(code);
    }
}
