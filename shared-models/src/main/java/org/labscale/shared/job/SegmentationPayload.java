package org.labscale.shared.job;

import java.util.List;
import java.util.UUID;

/**
 * Input of a {@link JobKind#SEGMENTATION} job: the images to segment. The API checks on submit that every image
 * exists in the job's own lab. Which trained net (or ensemble) to apply, and the post-processing, are added by the
 * segmentation issue, which defines how a worker segments.
 *
 * @param imageIds 1 to 1,000 distinct images of the job's lab
 */
public record SegmentationPayload(List<UUID> imageIds) implements JobPayload {

    @Override
    public JobKind kind() {
        return JobKind.SEGMENTATION;
    }
}
