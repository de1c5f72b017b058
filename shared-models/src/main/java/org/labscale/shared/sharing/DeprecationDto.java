package org.labscale.shared.sharing;

import java.time.Instant;
import java.util.UUID;

/**
 * Whether a model version is deprecated: still usable by jobs that name it and readable by id, hidden from zoo
 * searches unless asked for.
 *
 * @param latestVersion the model's newest version that is not deprecated (null when every version is)
 */
public record DeprecationDto(boolean deprecated, String reason, Instant deprecatedAt, UUID deprecatedBy,
                             Integer latestVersion) {
}
