package org.labscale.convnet.normalize;

import java.util.Arrays;

/**
 * The normalisation of Van Valen et al. 2016 ("DeepCell", PLoS Comput Biol 12(11): e1005177): each channel of an
 * image is divided by its median pixel value, then the local mean (a box filter of the receptive field's size) is
 * subtracted. It makes nets portable between microscopes and labs, and being per-image and local it keeps inference
 * fully convolutional. Training and inference both call this class, so they normalise identically. The first step
 * is a {@link ChannelScaling}: the paper's median, or a robust offset and spread for cameras with a black level.
 *
 * <p>Borders reflect without repeating the edge pixel ({@code ... 2 1 | 0 1 2 ... n-1 | n-2 n-3 ...}), as the ONNX
 * {@code Pad} in {@code reflect} mode and the training patches do; planes smaller than the window reflect again.
 *
 * <p>Tiles: the median is a whole-image statistic, so compute it once per image with {@link #median(float[])} and
 * pass it in. A tile normalised with a halo of {@code window/2} real pixels on every side that is not an image edge
 * (and no halo on image edges) equals the whole-image result on the tile, bit for bit: every output is the same sum
 * in the same order.
 *
 * <p>Not specified by the paper, chosen here: a median that is not positive (e.g. a mostly black fluorescence image
 * whose background is 0) would divide by zero, so the mean of the plane is used instead, and 1 when that is not
 * positive either. NaN samples are ignored by the median.
 */
public final class LocalMeanNormalizer {

    private final int window;

    /** @param window box-filter side in pixels, odd (the net's receptive field) */
    public LocalMeanNormalizer(int window) {
        if (window < 1 || window % 2 == 0) {
            throw new IllegalArgumentException("The local-mean window must be an odd number of pixels, not " + window);
        }
        this.window = window;
    }

    public int window() {
        return window;
    }

    /**
     * The divisor of a whole channel: its median (the mean of the two middle values for an even count), or the
     * fallback described on the class when that is not positive.
     */
    public static float median(float[] plane) {
        float[] sorted = new float[plane.length];
        int n = 0;
        for (float v : plane) {
            if (!Float.isNaN(v)) {
                sorted[n++] = v;
            }
        }
        sorted = Arrays.copyOf(sorted, n);
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return 1f;
        }
        int mid = sorted.length / 2;
        float median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2f;
        if (median > 0f && Float.isFinite(median)) {
            return median;
        }
        double sum = 0;
        for (float v : sorted) {
            sum += v;
        }
        float mean = (float) (sum / sorted.length);
        return mean > 0f && Float.isFinite(mean) ? mean : 1f;
    }

    /**
     * The paper's normalisation of one channel: {@code v = p / divisor}, then {@code v - boxMean(v)}.
     *
     * @param plane   row-major samples of a whole image, or of a tile with its halo
     * @param divisor the whole image's {@link #median(float[])} for this channel
     * @return a new array of the same size
     */
    public float[] normalize(float[] plane, int width, int height, float divisor) {
        return normalize(plane, width, height, new ChannelScaling(0f, divisor));
    }

    /**
     * Normalises one channel: {@code v = (p - offset) / scale}, then {@code v - boxMean(v)}.
     *
     * @param plane   row-major samples of a whole image, or of a tile with its halo
     * @param scaling the whole image's {@link ChannelScaling} for this channel
     * @return a new array of the same size
     */
    public float[] normalize(float[] plane, int width, int height, ChannelScaling scaling) {
        if (width < 1 || height < 1 || plane.length != width * height) {
            throw new IllegalArgumentException("plane must hold width*height = " + width + "*" + height + " values");
        }
        float[] divided = scaled(plane, scaling);
        int r = window / 2;
        int[] xs = reflectedOffsets(width, r);
        int[] ys = reflectedOffsets(height, r);
        // Horizontal sums, then vertical sums of those: each output is a fixed-order sum, independent of the plane's
        // extent beyond the window (what makes tiles equal to the whole image).
        double[] rows = new double[plane.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                double sum = 0;
                int base = x * window;
                for (int k = 0; k < window; k++) {
                    sum += divided[row + xs[base + k]];
                }
                rows[row + x] = sum;
            }
        }
        float[] out = new float[plane.length];
        double area = (double) window * window;
        double[] column = new double[width];
        for (int y = 0; y < height; y++) {
            Arrays.fill(column, 0);
            int base = y * window;
            for (int k = 0; k < window; k++) {
                int src = ys[base + k] * width;
                for (int x = 0; x < width; x++) {
                    column[x] += rows[src + x];
                }
            }
            int row = y * width;
            for (int x = 0; x < width; x++) {
                out[row + x] = (float) (divided[row + x] - column[x] / area);
            }
        }
        return out;
    }

    /** The first step alone: {@code (p - offset) / scale} of every sample, a new array. */
    public static float[] scaled(float[] plane, ChannelScaling scaling) {
        float offset = scaling.offset();
        float divisor = scaling.scale();
        float[] divided = new float[plane.length];
        for (int i = 0; i < plane.length; i++) {
            divided[i] = (plane[i] - offset) / divisor;
        }
        return divided;
    }

    /** Index {@code i} of a size-{@code n} axis reflected into range (period {@code 2(n-1)}, no edge repeat). */
    public static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    private static int[] reflectedOffsets(int n, int r) {
        int w = 2 * r + 1;
        int[] out = new int[n * w];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < w; k++) {
                out[i * w + k] = reflect(i - r + k, n);
            }
        }
        return out;
    }
}
