package org.labscale.shared.trainingset;

import java.time.Instant;
import java.util.UUID;

/** A named series of immutable training-set versions. */
public record TrainingSetDto(UUID id, UUID labId, String name, String description, Visibility visibility,
                             int latestVersion, Instant createdAt, Instant updatedAt, long version) {
}
