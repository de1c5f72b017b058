package org.labscale.shared.segmentation;

import java.util.EnumSet;
import java.util.Set;

/** The files a segmentation job writes per image. */
public enum SegmentationOutput {
    /** {@code labels.tif}: 16-bit label mask, 0 background, one integer per cell (Deflate TIFF). */
    LABELS_TIFF,
    /** {@code labels.png}: the same mask as a 16-bit grayscale PNG. */
    LABELS_PNG,
    /** {@code probabilities.tif}: the ensemble's averaged softmax maps, one 32-bit float page per class. */
    PROBABILITIES,
    /** {@code overlay.png}: cell boundaries drawn over the contrast-stretched image. */
    OVERLAY,
    /** {@code cells.csv}: one row per cell with its measurements, class and score. */
    CSV;

    /** The default set: everything but the (large) probability maps. */
    public static Set<SegmentationOutput> defaults() {
        return EnumSet.of(LABELS_TIFF, LABELS_PNG, OVERLAY, CSV);
    }
}
