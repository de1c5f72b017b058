package org.labscale.imaging.stats;

/** Otsu's threshold (between-class variance maximised over a histogram), shared by the classical segmentations. */
public final class Otsu {

    private Otsu() {
    }

    /**
     * The threshold of {@code values} over {@code bins} equal bins between {@code lo} and {@code hi} (values outside
     * count in the end bins): the upper edge of the bin that maximises the between-class variance. A range without
     * width answers {@code hi}, so nothing lies above it.
     */
    public static double threshold(float[] values, double lo, double hi, int bins) {
        if (!(hi > lo)) {
            return hi;
        }
        long[] histogram = new long[bins];
        double step = (hi - lo) / bins;
        for (float v : values) {
            int bin = (int) ((Math.min(Math.max(v, lo), hi) - lo) / step);
            histogram[Math.min(bins - 1, bin)]++;
        }
        long total = values.length;
        double sumAll = 0;
        for (int b = 0; b < bins; b++) {
            sumAll += b * (double) histogram[b];
        }
        long below = 0;
        double sumBelow = 0;
        double best = -1;
        int bestBin = 0;
        for (int b = 0; b < bins - 1; b++) {
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
