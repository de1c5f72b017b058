package org.labscale.api.image.service;

import java.util.UUID;

import org.labscale.shared.image.PageMode;

/**
 * A CDI event: an image's row was committed (its original is in S3 under {@code objectKey}). Fired by
 * {@link ImageIngest} on the uploading thread after the answer's data is final; observers must only hand work on
 * (the viewer's tiles are prepared from it in the background).
 */
public record ImageStored(UUID imageId, String objectKey, PageMode pageMode, int width, int height) {
}
