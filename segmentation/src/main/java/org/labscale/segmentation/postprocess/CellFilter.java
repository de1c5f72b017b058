package org.labscale.segmentation.postprocess;

import java.util.Locale;

import org.labscale.imaging.labels.LabelImage;

/**
 * Removes objects that are unlikely to be cells and renumbers the rest 1..N in raster order of their first pixel:
 * fewer than {@code minArea} or more than {@code maxArea} pixels (fragments, clumps), or a mean interior probability
 * below {@code minMeanProbability} (debris and clutter the nets are unsure of: a real cell's interior is confidently
 * interior across most of its pixels).
 */
public final class CellFilter {

    private final int minArea;
    private final int maxArea;
    private final double minMeanProbability;

    /**
     * @param maxArea            {@link Integer#MAX_VALUE} for no upper limit
     * @param minMeanProbability 0 for no probability filter, at most 1
     */
    public CellFilter(int minArea, int maxArea, double minMeanProbability) {
        if (minArea < 0 || maxArea < minArea) {
            throw new IllegalArgumentException("need 0 <= minArea <= maxArea, got " + minArea + " and " + maxArea);
        }
        if (!(minMeanProbability >= 0 && minMeanProbability <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "need 0 <= minMeanProbability <= 1, got %s", minMeanProbability));
        }
        this.minArea = minArea;
        this.maxArea = maxArea;
        this.minMeanProbability = minMeanProbability;
    }

    /** A filter on size alone. */
    public static CellFilter sizes(int minArea, int maxArea) {
        return new CellFilter(minArea, maxArea, 0);
    }

    /** Applies a size-only filter; see {@link #apply(LabelImage, float[])} for the probability filter. */
    public LabelImage apply(LabelImage cells) {
        if (minMeanProbability > 0) {
            throw new IllegalStateException("a probability filter needs the interior probabilities");
        }
        return apply(cells, null);
    }

    /**
     * @param interior the interior probability per pixel (row-major, the cells' size), or null when this filter has
     *                 no probability limit
     */
    public LabelImage apply(LabelImage cells, float[] interior) {
        int[] labels = cells.toArray();
        if (interior != null && interior.length != labels.length) {
            throw new IllegalArgumentException("interior has " + interior.length + " values for " + labels.length
                    + " pixels");
        }
        int[] areas = Labels.areas(labels);
        double[] sums = new double[areas.length];
        if (minMeanProbability > 0) {
            for (int i = 0; i < labels.length; i++) {
                sums[labels[i]] += interior[i];
            }
        }
        boolean[] drop = new boolean[areas.length];
        for (int v = 1; v < areas.length; v++) {
            drop[v] = areas[v] < minArea || areas[v] > maxArea
                    || (minMeanProbability > 0 && areas[v] > 0 && sums[v] / areas[v] < minMeanProbability);
        }
        for (int i = 0; i < labels.length; i++) {
            if (drop[labels[i]]) {
                labels[i] = 0;
            }
        }
        Labels.relabelInRasterOrder(labels);
        return LabelImage.of(cells.width(), cells.height(), labels);
    }
}
