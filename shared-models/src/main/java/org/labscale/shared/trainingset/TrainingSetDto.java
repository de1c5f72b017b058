package org.labscale.shared.trainingset;

import java.time.Instant;
import java.util.UUID;

/**
 * A named series of immutable training-set versions.
 *
 * @param latestContentHash the content hash of version {@code latestVersion} (null while the set has no version), so
 *                          that a list of sets needs no call per set
 */
public record TrainingSetDto(UUID id, UUID labId, String name, String description, Visibility visibility,
                             int latestVersion, Instant createdAt, Instant updatedAt, long version,
                             String latestContentHash) {
}
