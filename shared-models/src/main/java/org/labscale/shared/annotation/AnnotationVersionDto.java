package org.labscale.shared.annotation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One immutable version of an annotation.
 *
 * @param classPixelCounts pixels per class of the derived class map (index = class)
 * @param cellCount        number of cells (instances), 0 for class maps
 */
public record AnnotationVersionDto(UUID id, UUID annotationId, int version, AnnotationKind kind, String sha256,
                                   long sizeBytes, List<Long> classPixelCounts, int cellCount, UUID createdBy,
                                   String createdByEmail, Instant createdAt) {
}
