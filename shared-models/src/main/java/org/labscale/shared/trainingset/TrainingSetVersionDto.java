package org.labscale.shared.trainingset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An immutable snapshot; {@code contentHash} is the SHA-256 of its canonical item list. */
public record TrainingSetVersionDto(UUID id, UUID trainingSetId, int version, String contentHash, String notes,
                                    List<TrainingItemDto> items, UUID createdBy, Instant createdAt) {
}
