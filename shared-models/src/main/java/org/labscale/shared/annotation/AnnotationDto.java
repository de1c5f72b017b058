package org.labscale.shared.annotation;

import java.time.Instant;
import java.util.UUID;

/** A named label image of an image (e.g. "nuclei") and its newest version. */
public record AnnotationDto(UUID id, UUID imageId, String name, AnnotationKind kind, int latestVersion,
                           AnnotationVersionDto latest, Instant createdAt, Instant updatedAt) {
}
