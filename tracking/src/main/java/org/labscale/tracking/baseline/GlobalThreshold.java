package org.labscale.tracking.baseline;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.ConnectedComponentLabeling;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.stats.Otsu;

/**
 * The naive baseline's segmentation: one global threshold per frame, Otsu's (Otsu 1979, the between-class variance
 * maximised over {@value #BINS} bins spanning the frame's whole range, no smoothing and no clipping), then every
 * 8-connected component of the pixels above it with at least {@code minArea} pixels is an object (the size filter
 * keeps single noisy pixels from counting as cells). Nothing splits touching nuclei or tells debris from nuclei: that
 * is what makes it the baseline.
 */
public final class GlobalThreshold {

    static final int BINS = 256;

    private GlobalThreshold() {
    }

    /** The frame's objects of at least {@code minArea} pixels, labelled 1..N in raster order. */
    public static LabelImage segment(FloatPlane plane, int minArea) {
        float[] pixels = plane.pixels();
        double threshold = otsu(pixels);
        int[] mask = new int[pixels.length];
        for (int p = 0; p < pixels.length; p++) {
            mask[p] = pixels[p] > threshold ? 1 : 0;
        }
        int[] components = ConnectedComponentLabeling.label(LabelImage.of(plane.width(), plane.height(), mask),
                Connectivity.EIGHT).toArray();
        return LabelImage.of(plane.width(), plane.height(), dropSmall(components, minArea));
    }

    /** Components under {@code minArea} pixels become background; the rest are renumbered 1..N in order. */
    private static int[] dropSmall(int[] components, int minArea) {
        int max = 0;
        for (int l : components) {
            max = Math.max(max, l);
        }
        int[] area = new int[max + 1];
        for (int l : components) {
            area[l]++;
        }
        int[] renumber = new int[max + 1];
        int next = 0;
        for (int l = 1; l <= max; l++) {
            renumber[l] = area[l] >= minArea ? ++next : 0;
        }
        for (int p = 0; p < components.length; p++) {
            components[p] = renumber[components[p]];
        }
        return components;
    }

    /**
     * Otsu's threshold: the upper edge of the bin that maximises the between-class variance; a constant image gives
     * its value (so nothing lies above it).
     */
    static double otsu(float[] values) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return Otsu.threshold(values, lo, hi, BINS);
    }
}
