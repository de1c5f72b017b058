package org.labscale.shared.trainingset;

import java.util.Map;
import java.util.UUID;

/**
 * One image of a new training-set version.
 *
 * @param annotationVersion the annotation's version to freeze; null takes its newest
 * @param channelRoles      channel index (as a string) to role, e.g. {"0": "nuclear"}; null means channel i has
 *                          the image's channel name or "channel-i"
 */
public record TrainingItemRequest(UUID imageId, UUID annotationId, Integer annotationVersion,
                                  Map<String, String> channelRoles) {
}
