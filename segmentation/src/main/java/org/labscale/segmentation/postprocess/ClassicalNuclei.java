package org.labscale.segmentation.postprocess;

import java.util.Arrays;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;

/**
 * Nuclei found in a nuclear-marker channel without a net, to seed ACTIVE_CONTOURS when no nuclear model is named
 * (the paper seeds its cytoplasm contours with nuclei; a stained nucleus on a dark background is the classical case
 * a global threshold handles): the plane smoothed by a Gaussian of {@value #SIGMA} px, Otsu's threshold (Otsu 1979)
 * on the smoothed values between their 0.5th and 99.5th percentiles (so a few hot pixels do not squeeze the
 * histogram), touching nuclei split by the distance-transform watershed ({@link DistanceTransformWatershed}, necks
 * of at least {@value #H} px), holes filled and nuclei under {@code minArea} pixels dropped. Labels 1..N in raster
 * order.
 */
public final class ClassicalNuclei {

    static final double SIGMA = 1.5;
    static final double H = 3.0;
    private static final int BINS = 256;

    private final int minArea;

    /** @param minArea smallest nucleus kept, in pixels */
    public ClassicalNuclei(int minArea) {
        if (minArea < 0) {
            throw new IllegalArgumentException("minArea must be 0 or more, not " + minArea);
        }
        this.minArea = minArea;
    }

    /** The nuclei of one nuclear-marker plane (raw intensities, bright nuclei). */
    public LabelImage segment(FloatPlane nuclear) {
        int w = nuclear.width();
        int h = nuclear.height();
        float[] smooth = GaussianBlur.blur(nuclear.pixels(), w, h, SIGMA);
        double threshold = otsu(smooth);
        float[] foreground = new float[smooth.length];
        for (int i = 0; i < smooth.length; i++) {
            foreground[i] = smooth[i] > threshold ? 1f : 0f;
        }
        LabelImage split = new DistanceTransformWatershed(0.5, H).segment(foreground, w, h);
        return CellFilter.sizes(minArea, Integer.MAX_VALUE).apply(HoleFilling.fill(split));
    }

    /** Otsu's threshold of {@code values} over {@value #BINS} bins between their 0.5th and 99.5th percentiles. */
    static double otsu(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        double lo = sorted[(int) Math.floor(0.005 * (sorted.length - 1))];
        double hi = sorted[(int) Math.ceil(0.995 * (sorted.length - 1))];
        if (!(hi > lo)) {
            return hi; // a flat plane: nothing is above it
        }
        long[] histogram = new long[BINS];
        double step = (hi - lo) / BINS;
        for (float v : values) {
            int bin = (int) ((Math.min(Math.max(v, lo), hi) - lo) / step);
            histogram[Math.min(BINS - 1, bin)]++;
        }
        long total = values.length;
        double sumAll = 0;
        for (int b = 0; b < BINS; b++) {
            sumAll += b * (double) histogram[b];
        }
        long below = 0;
        double sumBelow = 0;
        double best = -1;
        int bestBin = 0;
        for (int b = 0; b < BINS - 1; b++) {
            below += histogram[b];
            sumBelow += b * (double) histogram[b];
            long above = total - below;
            if (below == 0 || above == 0) {
                continue;
            }
            double meanBelow = sumBelow / below;
            double meanAbove = (sumAll - sumBelow) / above;
            double between = (double) below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best) {
                best = between;
                bestBin = b;
            }
        }
        return lo + (bestBin + 1) * step;
    }
}
