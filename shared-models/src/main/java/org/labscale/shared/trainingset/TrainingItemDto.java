package org.labscale.shared.trainingset;

import java.util.Map;
import java.util.UUID;

import org.labscale.shared.annotation.AnnotationKind;

/** One frozen (image, annotation version, channel roles) entry of a training-set version. */
public record TrainingItemDto(UUID imageId, String imageSha256, UUID annotationId, UUID annotationVersionId,
                              int annotationVersion, AnnotationKind annotationKind, String annotationSha256,
                              Map<String, String> channelRoles) {
}
