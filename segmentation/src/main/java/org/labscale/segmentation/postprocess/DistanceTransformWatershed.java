package org.labscale.segmentation.postprocess;

import org.labscale.imaging.labels.ConnectedComponentLabeling;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;

/**
 * Cells from a foreground probability alone (nets with one sigmoid output, e.g. bioimage.io's U-Nets): the pixels above
 * a threshold, split where touching objects narrow, by a watershed on the distance transform. The classical recipe
 * (Beucher and Meyer 1993; the markers are the h-maxima of Soille, "Morphological Image Analysis", 2003, ch. 6.3.4):
 * <ol>
 *   <li>foreground: probability above {@code threshold};</li>
 *   <li>the exact Euclidean distance of every foreground pixel to the nearest background pixel (Felzenszwalb and
 *       Huttenlocher, "Distance transforms of sampled functions", Theory of Computing 8, 2012);</li>
 *   <li>markers: the h-maxima, the domes of the distance map rising more than {@code h} pixels above the saddle that
 *       joins them to a higher one (the regional maxima of the reconstruction by dilation of {@code d - h} under {@code d}). Every foreground component has at least one, so none is lost; a neck
 *       shallower than {@code h} keeps two touching objects together, so noise on an outline does not split a
 *       cell;</li>
 *   <li>the markers flood the foreground in order of decreasing distance ({@link MeyerFlooding}), so neighbours part
 *       along the narrowest line between them.</li>
 * </ol>
 * Labels are numbered 1..N in raster order.
 */
public final class DistanceTransformWatershed {

    /** Below the step between distinct distances (sqrt(n+1) - sqrt(n) > 0.005 for distances under 100 px). */
    private static final float EPSILON = 1e-3f;

    private final double threshold;
    private final double h;

    /**
     * @param threshold foreground when the probability is above it, strictly between 0 and 1
     * @param h         the least prominence of a distance maximum that makes its own object, in pixels (positive)
     */
    public DistanceTransformWatershed(double threshold, double h) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be between 0 and 1 (exclusive), not " + threshold);
        }
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("h must be a positive number of pixels, not " + h);
        }
        this.threshold = threshold;
        this.h = h;
    }

    public LabelImage segment(float[] foreground, int width, int height) {
        Labels.checkSize(width, height, foreground.length, "the foreground map");
        int n = foreground.length;
        boolean[] mask = new boolean[n];
        float t = (float) threshold;
        for (int i = 0; i < n; i++) {
            mask[i] = foreground[i] > t;
        }
        float[] distance = distance(mask, width, height);
        int[] labels = hMaxima(distance, mask, h, width, height);
        float[] elevation = new float[n];
        for (int i = 0; i < n; i++) {
            elevation[i] = -distance[i];
        }
        MeyerFlooding.flood(elevation, labels, mask, width, height);
        Labels.relabelInRasterOrder(labels);
        return LabelImage.of(width, height, labels);
    }

    /**
     * The h-maxima of {@code values} on {@code mask} (values outside it must be at or below every value inside),
     * labelled 1..N as 8-connected components: the regional maxima of the reconstruction by dilation of
     * {@code values - h} under {@code values}.
     */
    static int[] hMaxima(float[] values, boolean[] mask, double h, int width, int height) {
        int n = values.length;
        float[] reconstructed = new float[n];
        for (int i = 0; i < n; i++) {
            reconstructed[i] = (float) (values[i] - h);
        }
        reconstruct(reconstructed, values, width, height);
        // The h-maxima are the regional maxima of the reconstruction: plateaus no higher pixel reaches, found by a
        // second reconstruction from EPSILON below (a plateau that is a regional maximum stays EPSILON lower).
        float[] lowered = new float[n];
        for (int i = 0; i < n; i++) {
            lowered[i] = reconstructed[i] - EPSILON;
        }
        reconstruct(lowered, reconstructed, width, height);
        int[] peaks = new int[n];
        for (int i = 0; i < n; i++) {
            peaks[i] = mask[i] && reconstructed[i] - lowered[i] > EPSILON / 2 ? 1 : 0;
        }
        return ConnectedComponentLabeling.label(LabelImage.of(width, height, peaks), Connectivity.EIGHT).toArray();
    }

    /** Euclidean distance to the nearest background pixel (0 on background; no background: distances grow large). */
    static float[] distance(boolean[] mask, int width, int height) {
        double inf = 1e20;
        double[] f = new double[Math.max(width, height)];
        double[] d = new double[Math.max(width, height)];
        int[] v = new int[Math.max(width, height)];
        double[] z = new double[Math.max(width, height) + 1];
        double[] squared = new double[mask.length];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                f[y] = mask[y * width + x] ? inf : 0;
            }
            lowerEnvelope(f, height, d, v, z);
            for (int y = 0; y < height; y++) {
                squared[y * width + x] = d[y];
            }
        }
        float[] out = new float[mask.length];
        for (int y = 0; y < height; y++) {
            System.arraycopy(squared, y * width, f, 0, width);
            lowerEnvelope(f, width, d, v, z);
            for (int x = 0; x < width; x++) {
                out[y * width + x] = (float) Math.sqrt(d[x]);
            }
        }
        return out;
    }

    /** One dimension of Felzenszwalb and Huttenlocher: {@code d[q] = min_p (q - p)^2 + f[p]}. */
    private static void lowerEnvelope(double[] f, int n, double[] d, int[] v, double[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = ((f[q] + (double) q * q) - (f[v[k]] + (double) v[k] * v[k])) / (2.0 * q - 2.0 * v[k]);
            while (s <= z[k]) {
                k--;
                s = ((f[q] + (double) q * q) - (f[v[k]] + (double) v[k] * v[k])) / (2.0 * q - 2.0 * v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            d[q] = (double) (q - v[k]) * (q - v[k]) + f[v[k]];
        }
    }

    /**
     * Grayscale reconstruction by dilation of {@code marker} under {@code mask}, in place, 8-connected: alternating
     * raster and anti-raster scans until nothing changes (Vincent, IEEE TIP 2(2), 1993, the sequential algorithm).
     */
    static void reconstruct(float[] marker, float[] mask, int width, int height) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    changed |= update(marker, mask, width, height, x, y, -1);
                }
            }
            for (int y = height - 1; y >= 0; y--) {
                for (int x = width - 1; x >= 0; x--) {
                    changed |= update(marker, mask, width, height, x, y, 1);
                }
            }
        }
    }

    /** Raises a pixel to its already-scanned neighbours' maximum, capped by the mask. */
    private static boolean update(float[] marker, float[] mask, int width, int height, int x, int y, int dir) {
        int i = y * width + x;
        float best = marker[i];
        // Neighbours scanned before (x, y): the previous row (dx -1..1) and the previous pixel in the row.
        int py = y + dir;
        if (py >= 0 && py < height) {
            for (int dx = -1; dx <= 1; dx++) {
                int px = x + dx;
                if (px >= 0 && px < width) {
                    best = Math.max(best, marker[py * width + px]);
                }
            }
        }
        int px = x + dir;
        if (px >= 0 && px < width) {
            best = Math.max(best, marker[y * width + px]);
        }
        best = Math.min(best, mask[i]);
        if (best > marker[i]) {
            marker[i] = best;
            return true;
        }
        return false;
    }
}
