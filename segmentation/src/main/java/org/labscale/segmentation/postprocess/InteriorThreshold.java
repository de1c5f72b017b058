package org.labscale.segmentation.postprocess;

import org.labscale.imaging.labels.ConnectedComponentLabeling;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;

/**
 * Cells as the 8-connected components of the pixels whose interior probability exceeds a global threshold. This is
 * the post-processing of Van Valen et al. 2016 (PLoS Comput Biol 12(11): e1005177) for bacteria (threshold 0.6) and
 * mammalian nuclei (0.5-0.75): the boundary class keeps touching cells apart, so plain components suffice.
 * Labels are numbered 1..N in raster order of each cell's first pixel.
 */
public final class InteriorThreshold {

    private final double threshold;

    /** @param threshold strictly between 0 and 1; a pixel is interior when its probability is above it */
    public InteriorThreshold(double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be between 0 and 1 (exclusive), not " + threshold);
        }
        this.threshold = threshold;
    }

    /** Labels the cells of a {@code width x height} interior-probability map. */
    public LabelImage segment(float[] interior, int width, int height) {
        Labels.checkSize(width, height, interior.length, "the interior map");
        return ConnectedComponentLabeling.label(Labels.above(interior, width, height, threshold), Connectivity.EIGHT);
    }
}
