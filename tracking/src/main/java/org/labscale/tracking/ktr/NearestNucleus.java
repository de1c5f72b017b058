package org.labscale.tracking.ktr;

import org.labscale.imaging.labels.LabelImage;

/**
 * For every pixel of a label image, the label of the nearest labelled pixel and the squared Euclidean distance to it
 * (0 inside an object): the exact distance transform of Felzenszwalb and Huttenlocher ("Distance transforms of
 * sampled functions", Theory of Computing 2012), a column pass then a lower envelope of parabolas per row, keeping the
 * argmin so that each pixel knows which object it is nearest to. O(pixels). Cytorings and cytoplasm territories are
 * cut from it: a background pixel belongs to the nucleus it is nearest to, so rings of neighbouring cells never
 * overlap.
 */
public final class NearestNucleus {

    private final int width;
    private final int[] label;
    private final long[] distance2;

    private NearestNucleus(int width, int[] label, long[] distance2) {
        this.width = width;
        this.label = label;
        this.distance2 = distance2;
    }

    /** The nearest object's label (0 when the image has none). */
    public int label(int x, int y) {
        return label[y * width + x];
    }

    /** Squared distance to the nearest object pixel ({@link Long#MAX_VALUE} when the image has none). */
    public long distance2(int x, int y) {
        return distance2[y * width + x];
    }

    int[] labels() {
        return label;
    }

    long[] distances2() {
        return distance2;
    }

    public static NearestNucleus of(LabelImage image) {
        int w = image.width();
        int h = image.height();
        int[] labels = image.toArray();
        // Column pass: nearest object row in the same column.
        int[] nearestRow = new int[w * h];
        for (int x = 0; x < w; x++) {
            int last = -1;
            for (int y = 0; y < h; y++) {
                if (labels[y * w + x] > 0) {
                    last = y;
                }
                nearestRow[y * w + x] = last;
            }
            last = -1;
            for (int y = h - 1; y >= 0; y--) {
                if (labels[y * w + x] > 0) {
                    last = y;
                }
                int p = y * w + x;
                if (last >= 0 && (nearestRow[p] < 0 || last - y < y - nearestRow[p])) {
                    nearestRow[p] = last;
                }
            }
        }
        int[] outLabel = new int[w * h];
        long[] outDistance = new long[w * h];
        long[] f = new long[w];
        int[] v = new int[w];
        double[] z = new double[w + 1];
        for (int y = 0; y < h; y++) {
            for (int q = 0; q < w; q++) {
                int r = nearestRow[y * w + q];
                f[q] = r < 0 ? -1 : (long) (y - r) * (y - r);
            }
            int k = -1;
            for (int q = 0; q < w; q++) {
                if (f[q] < 0) {
                    continue;
                }
                double s = Double.NEGATIVE_INFINITY;
                while (k >= 0) {
                    s = ((f[q] + (double) q * q) - (f[v[k]] + (double) v[k] * v[k])) / (2.0 * q - 2.0 * v[k]);
                    if (s > z[k]) {
                        break;
                    }
                    k--;
                }
                k++;
                v[k] = q;
                z[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
                z[k + 1] = Double.POSITIVE_INFINITY;
            }
            int j = 0;
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (k < 0) {
                    outLabel[p] = 0;
                    outDistance[p] = Long.MAX_VALUE;
                    continue;
                }
                while (z[j + 1] < x) {
                    j++;
                }
                int q = v[j];
                outLabel[p] = labels[nearestRow[y * w + q] * w + q];
                outDistance[p] = (long) (x - q) * (x - q) + f[q];
            }
        }
        return new NearestNucleus(w, outLabel, outDistance);
    }
}
