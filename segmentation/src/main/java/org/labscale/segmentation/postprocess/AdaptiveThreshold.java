package org.labscale.segmentation.postprocess;

import org.labscale.imaging.labels.ConnectedComponentLabeling;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;

/**
 * Local-mean (adaptive) threshold of the interior probability, for very dim nuclei whose interior probability stays
 * below a global threshold (Van Valen et al. 2016 used adaptive thresholding there). A pixel is foreground when its
 * probability exceeds the mean over a square {@code window x window} neighbourhood by more than {@code offset}, and is
 * at least {@code minProbability} (so flat background noise never becomes cells). The local mean comes from a summed
 * area table (Crow 1984; Bradley and Roth, "Adaptive thresholding using the integral image", J. Graphics Tools 12(2),
 * 2007); the window is clipped at the image edges and the mean taken over the pixels inside. Cells are the
 * 8-connected components of the foreground, numbered in raster order.
 */
public final class AdaptiveThreshold {

    private final int window;
    private final double offset;
    private final double minProbability;

    /**
     * @param window         odd side of the square window, 3 or more
     * @param offset         how far above the local mean a foreground pixel lies (may be negative)
     * @param minProbability pixels below this are never foreground
     */
    public AdaptiveThreshold(int window, double offset, double minProbability) {
        if (window < 3 || window % 2 == 0) {
            throw new IllegalArgumentException("window must be an odd number of at least 3, not " + window);
        }
        this.window = window;
        this.offset = offset;
        this.minProbability = minProbability;
    }

    public LabelImage segment(float[] interior, int width, int height) {
        Labels.checkSize(width, height, interior.length, "the interior map");
        float[] means = localMeans(interior, width, height, window);
        int[] mask = new int[interior.length];
        for (int i = 0; i < mask.length; i++) {
            float p = interior[i];
            mask[i] = p >= minProbability && p > means[i] + offset ? 1 : 0;
        }
        return ConnectedComponentLabeling.label(LabelImage.of(width, height, mask), Connectivity.EIGHT);
    }

    /**
     * The mean of {@code values} over the square {@code window x window} around each pixel (odd {@code window}),
     * clipped at the image edges and taken over the pixels inside.
     */
    static float[] localMeans(float[] values, int width, int height, int window) {
        double[] table = summedAreaTable(values, width, height);
        int r = window / 2;
        int stride = width + 1;
        float[] means = new float[values.length];
        for (int y = 0; y < height; y++) {
            int y0 = Math.max(0, y - r);
            int y1 = Math.min(height, y + r + 1);
            for (int x = 0; x < width; x++) {
                int x0 = Math.max(0, x - r);
                int x1 = Math.min(width, x + r + 1);
                double sum = table[y1 * stride + x1] - table[y0 * stride + x1] - table[y1 * stride + x0]
                        + table[y0 * stride + x0];
                means[y * width + x] = (float) (sum / ((double) (y1 - y0) * (x1 - x0)));
            }
        }
        return means;
    }

    /** {@code table[(y) * (w+1) + x]} = sum of the values above and left of (x, y), exclusive. */
    static double[] summedAreaTable(float[] values, int width, int height) {
        int stride = width + 1;
        double[] table = new double[stride * (height + 1)];
        for (int y = 0; y < height; y++) {
            double row = 0;
            for (int x = 0; x < width; x++) {
                row += values[y * width + x];
                table[(y + 1) * stride + x + 1] = table[y * stride + x + 1] + row;
            }
        }
        return table;
    }
}
