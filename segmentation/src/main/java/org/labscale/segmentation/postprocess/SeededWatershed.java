package org.labscale.segmentation.postprocess;

import org.labscale.imaging.labels.ConnectedComponentLabeling;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;

/**
 * Seeded (marker-controlled) watershed on the interior probability, which splits touching cells that a plain threshold
 * merges. Seeds are the 8-connected high-confidence cores (probability at least {@code seedThreshold}); they flood the
 * foreground (probability above {@code threshold}) downhill in probability with {@link MeyerFlooding}, so two cells
 * joined by a saddle of lower probability part at the saddle (Beucher and Meyer 1993; Meyer 1994). A foreground
 * component without any core is kept as one cell. Labels are renumbered 1..N in raster order.
 */
public final class SeededWatershed {

    private final double threshold;
    private final double seedThreshold;

    /**
     * @param threshold     foreground level, strictly between 0 and 1
     * @param seedThreshold core level, from {@code threshold} to 1
     */
    public SeededWatershed(double threshold, double seedThreshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be between 0 and 1 (exclusive), not " + threshold);
        }
        if (!(seedThreshold >= threshold && seedThreshold <= 1)) {
            throw new IllegalArgumentException("seedThreshold must lie between the threshold (" + threshold
                    + ") and 1, not " + seedThreshold);
        }
        this.threshold = threshold;
        this.seedThreshold = seedThreshold;
    }

    public LabelImage segment(float[] interior, int width, int height) {
        Labels.checkSize(width, height, interior.length, "the interior map");
        int n = interior.length;
        boolean[] foreground = new boolean[n];
        int[] cores = new int[n];
        float[] elevation = new float[n];
        float low = (float) threshold; // float comparisons: 0.6 typed is 0.6f in the map
        float core = (float) seedThreshold;
        for (int i = 0; i < n; i++) {
            float p = interior[i];
            foreground[i] = p > low;
            cores[i] = foreground[i] && p >= core ? 1 : 0;
            elevation[i] = -p;
        }
        int[] labels = ConnectedComponentLabeling.label(LabelImage.of(width, height, cores), Connectivity.EIGHT)
                .toArray();
        int seeds = 0;
        for (int v : labels) {
            seeds = Math.max(seeds, v);
        }
        MeyerFlooding.flood(elevation, labels, foreground, width, height);
        // Foreground that no core reached: its own cells.
        int[] rest = new int[n];
        for (int i = 0; i < n; i++) {
            rest[i] = foreground[i] && labels[i] == 0 ? 1 : 0;
        }
        int[] orphans = ConnectedComponentLabeling.label(LabelImage.of(width, height, rest), Connectivity.EIGHT)
                .toArray();
        for (int i = 0; i < n; i++) {
            if (orphans[i] != 0) {
                labels[i] = seeds + orphans[i];
            }
        }
        Labels.relabelInRasterOrder(labels);
        return LabelImage.of(width, height, labels);
    }
}
