package org.labscale.segmentation.postprocess;

import org.labscale.imaging.labels.LabelImage;

import java.util.Arrays;

/** Small operations on row-major label arrays shared by the post-processing steps. */
final class Labels {

    private Labels() {
    }

    /** Renumbers the non-zero labels 1..N in raster order of first appearance, in place; answers N. */
    static int relabelInRasterOrder(int[] labels) {
        int max = 0;
        for (int v : labels) {
            max = Math.max(max, v);
        }
        int[] map = new int[max + 1];
        int next = 0;
        for (int i = 0; i < labels.length; i++) {
            int v = labels[i];
            if (v != 0) {
                if (map[v] == 0) {
                    map[v] = ++next;
                }
                labels[i] = map[v];
            }
        }
        return next;
    }

    /** Pixel count of every label 0..max. */
    static int[] areas(int[] labels) {
        int max = 0;
        for (int v : labels) {
            max = Math.max(max, v);
        }
        int[] areas = new int[max + 1];
        for (int v : labels) {
            areas[v]++;
        }
        return areas;
    }

    /**
     * A binary mask (1 where {@code values[i] > threshold}, compared in float precision so that a probability equal to
     * the threshold as typed, e.g. 0.6, is not above it) as a label image for connected-component labelling.
     */
    static LabelImage above(float[] values, int width, int height, double threshold) {
        float t = (float) threshold;
        int[] mask = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            mask[i] = values[i] > t ? 1 : 0;
        }
        return LabelImage.of(width, height, mask);
    }

    static void checkSize(int width, int height, int length, String what) {
        if (width < 1 || height < 1 || (long) width * height != length) {
            throw new IllegalArgumentException(what + " must hold width*height = " + width + "*" + height
                    + " values, got " + length);
        }
    }

    static int[] copy(int[] labels) {
        return Arrays.copyOf(labels, labels.length);
    }
}
