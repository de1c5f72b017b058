package org.labscale.segmentation.postprocess;

import org.labscale.imaging.labels.LabelImage;

/**
 * Removes cells smaller than {@code minArea} or larger than {@code maxArea} pixels (debris, clumps) and renumbers the
 * remaining cells 1..N in raster order of their first pixel.
 */
public final class SizeFilter {

    private final int minArea;
    private final int maxArea;

    /** @param maxArea {@link Integer#MAX_VALUE} for no upper limit */
    public SizeFilter(int minArea, int maxArea) {
        if (minArea < 0 || maxArea < minArea) {
            throw new IllegalArgumentException("need 0 <= minArea <= maxArea, got " + minArea + " and " + maxArea);
        }
        this.minArea = minArea;
        this.maxArea = maxArea;
    }

    public LabelImage apply(LabelImage cells) {
        int[] labels = cells.toArray();
        int[] areas = Labels.areas(labels);
        for (int i = 0; i < labels.length; i++) {
            int v = labels[i];
            if (v != 0 && (areas[v] < minArea || areas[v] > maxArea)) {
                labels[i] = 0;
            }
        }
        Labels.relabelInRasterOrder(labels);
        return LabelImage.of(cells.width(), cells.height(), labels);
    }
}
