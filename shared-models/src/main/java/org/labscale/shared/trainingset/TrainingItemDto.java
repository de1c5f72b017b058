package org.labscale.shared.trainingset;

import java.util.Map;
import java.util.UUID;

import org.labscale.shared.annotation.AnnotationKind;

/**
 * One frozen (image, annotation version, channel roles, pixel size) entry of a training-set version.
 *
 * @param pixelSizeUm the image's micrometres per pixel when the version was frozen (what a training at a pixel size
 *                    resamples from, whatever the image says today); null: unknown
 */
public record TrainingItemDto(UUID imageId, String imageSha256, UUID annotationId, UUID annotationVersionId,
                              int annotationVersion, AnnotationKind annotationKind, String annotationSha256,
                              Map<String, String> channelRoles, Double pixelSizeUm) {
}
