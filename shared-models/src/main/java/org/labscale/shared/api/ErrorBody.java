package org.labscale.shared.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error body every Labscale endpoint answers with.
 *
 * @param code    stable, machine-readable code such as {@code image.truncated}
 * @param message a sentence a person can act on
 * @param details optional structured facts (offending field, limit, sizes)
 */
public record ErrorBody(String code, String message, Map<String, Object> details) {
    public ErrorBody {
        // Unmodifiable but null-tolerant: a detail may legitimately be absent (null).
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
