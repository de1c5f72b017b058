package org.labscale.ui.api;

import java.util.Map;

/** The API's error body: {@code {"code": "auth.invalid-credentials", "message": "human sentence", "details": {...}}}. */
public record ApiError(String code, String message, Map<String, Object> details) {

    public ApiError {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
