package org.labscale.imaging.resample;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;

/**
 * Brings an image to another pixel size and back: what lets one net, trained at one pixel size, serve images of
 * several magnifications. A {@code factor} is the image's pixel size over the target's ({@link #factor}): 2 doubles
 * every side. Sizes round to the nearest pixel ({@link #size}), and every mapping aligns pixel centres (the image's
 * edges meet the resampled image's edges), so that resampling there and back with the same sizes is consistent.
 * <ul>
 *   <li>Intensities ({@link #intensities}): separable, per axis bilinear interpolation when enlarging and the mean
 *   of the covered source pixels, weighted by overlap, when shrinking (no aliasing; OpenCV's INTER_LINEAR and
 *   INTER_AREA). Means and constants are kept.</li>
 *   <li>Labels ({@link #labels}): nearest neighbour, so every value is one of the source's (class maps, masks).
 *   Enlarging by a whole factor copies each pixel into a block; shrinking back by it gives the source again.</li>
 *   <li>Instances ({@link #instances}): nearest neighbour, then the labels that survive renumbered 1..N in their
 *   source order (a cell smaller than a pixel of the target may vanish).</li>
 * </ul>
 */
public final class PixelSizeResampler {

    /** Smallest and largest factor accepted: beyond these a pixel size is surely a mistake (a unit error). */
    public static final double MIN_FACTOR = 1.0 / 64;
    public static final double MAX_FACTOR = 64;

    /**
     * Most pixels per plane an image may hold once enlarged by resampling (2^28, 16,384 x 16,384): a segmentation
     * holds its channels and a probability map per class at that size (about 3 GiB for three classes), a training
     * every image whole. Shrinking is always allowed.
     */
    public static final long MAX_ENLARGED_PIXELS = 1L << 28;

    private PixelSizeResampler() {
    }

    /**
     * Why a {@code width x height} image cannot be resampled by {@code factor}: a factor outside {@link #MIN_FACTOR}
     * to {@link #MAX_FACTOR}, or an enlarged plane above {@link #MAX_ENLARGED_PIXELS}; empty when it can.
     */
    public static java.util.Optional<String> refusal(int width, int height, double factor) {
        if (!(factor >= MIN_FACTOR && factor <= MAX_FACTOR)) {
            return java.util.Optional.of("the resampling factor " + factor + " is outside 1/64 to 64; check the"
                    + " pixel sizes' units (micrometres)");
        }
        long w = size(width, factor);
        long h = size(height, factor);
        if (w * h > (long) width * height && w * h > MAX_ENLARGED_PIXELS) {
            return java.util.Optional.of(String.format(java.util.Locale.ROOT, "resampled by a factor of %s the %d x"
                    + " %d px image would be %d x %d = %,d px, more than the %,d px an enlarged image may hold",
                    Math.round(factor * 1000) / 1000.0, width, height, w, h, w * h, MAX_ENLARGED_PIXELS));
        }
        return java.util.Optional.empty();
    }

    /**
     * How much larger (in pixels) the image becomes at the target pixel size: {@code imagePixelSize / targetPixelSize}.
     *
     * @throws IllegalArgumentException for a size that is not positive and finite
     */
    public static double factor(double imagePixelSizeUm, double targetPixelSizeUm) {
        if (!(imagePixelSizeUm > 0) || !(targetPixelSizeUm > 0) || Double.isInfinite(imagePixelSizeUm)
                || Double.isInfinite(targetPixelSizeUm)) {
            throw new IllegalArgumentException("pixel sizes must be positive and finite, got " + imagePixelSizeUm
                    + " and " + targetPixelSizeUm);
        }
        return imagePixelSizeUm / targetPixelSizeUm;
    }

    /** The side of {@code n} pixels resampled by {@code factor}: {@code round(n * factor)}, at least 1. */
    public static long size(int n, double factor) {
        checkFactor(factor);
        return Math.max(1, Math.round(n * factor));
    }

    /** Whether a factor changes nothing (within a thousandth of a pixel on a 1,000-pixel side). */
    public static boolean identity(double factor) {
        return Math.abs(factor - 1) < 1e-6;
    }

    /** The plane at {@code width x height}: bilinear per enlarged axis, area mean per shrunk axis. */
    public static FloatPlane intensities(FloatPlane source, int width, int height) {
        checkTarget(width, height);
        if (source.width() == width && source.height() == height) {
            return source;
        }
        Axis xs = Axis.of(source.width(), width);
        Axis ys = Axis.of(source.height(), height);
        float[] src = source.pixels();
        int sw = source.width();
        float[] rows = new float[width * source.height()];
        for (int y = 0; y < source.height(); y++) {
            int base = y * sw;
            for (int x = 0; x < width; x++) {
                rows[y * width + x] = xs.apply(src, base, 1, x);
            }
        }
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = ys.apply(rows, x, width, y);
            }
        }
        return new FloatPlane(width, height, out);
    }

    /** The labels at {@code width x height} by nearest neighbour: values are kept as they are. */
    public static LabelImage labels(LabelImage source, int width, int height) {
        checkTarget(width, height);
        if (source.width() == width && source.height() == height) {
            return source;
        }
        return LabelImage.of(width, height, nearest(source, width, height));
    }

    /**
     * Instance labels at {@code width x height} by nearest neighbour, renumbered 1..N in their source order when some
     * vanished (0 stays background).
     */
    public static LabelImage instances(LabelImage source, int width, int height) {
        checkTarget(width, height);
        if (source.width() == width && source.height() == height) {
            return source;
        }
        int[] out = nearest(source, width, height);
        int[] renumber = new int[source.maxLabel() + 1];
        for (int v : out) {
            renumber[v] = 1;
        }
        renumber[0] = 0;
        int next = 0;
        for (int v = 1; v < renumber.length; v++) {
            renumber[v] = renumber[v] == 0 ? 0 : ++next;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = renumber[out[i]];
        }
        return LabelImage.of(width, height, out);
    }

    private static int[] nearest(LabelImage source, int width, int height) {
        int[] src = source.toArray();
        int[] xs = nearestIndices(source.width(), width);
        int[] ys = nearestIndices(source.height(), height);
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            int row = ys[y] * source.width();
            for (int x = 0; x < width; x++) {
                out[y * width + x] = src[row + xs[x]];
            }
        }
        return out;
    }

    /** The source pixel whose area holds each target pixel's centre. */
    private static int[] nearestIndices(int n, int m) {
        int[] out = new int[m];
        double scale = (double) n / m;
        for (int d = 0; d < m; d++) {
            out[d] = Math.min(n - 1, (int) Math.floor((d + 0.5) * scale));
        }
        return out;
    }

    private static void checkFactor(double factor) {
        if (!(factor >= MIN_FACTOR && factor <= MAX_FACTOR)) {
            throw new IllegalArgumentException("a resampling factor must be between 1/64 and 64, got " + factor);
        }
    }

    private static void checkTarget(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("the target size must be at least 1 x 1, got " + width + " x "
                    + height);
        }
    }

    /**
     * One axis's weights: target pixel {@code d} is the sum over {@code k} of {@code weights[d][k]} times source pixel
     * {@code first[d] + k}.
     */
    private record Axis(int[] first, float[][] weights) {

        static Axis of(int n, int m) {
            int[] first = new int[m];
            float[][] weights = new float[m][];
            double scale = (double) n / m; // source pixels per target pixel
            for (int d = 0; d < m; d++) {
                if (m >= n) { // enlarge: linear between the two nearest centres, edges held
                    double pos = Math.min(n - 1, Math.max(0, (d + 0.5) * scale - 0.5));
                    int i0 = Math.min(n - 1, (int) Math.floor(pos));
                    float f = (float) (pos - i0);
                    first[d] = i0;
                    weights[d] = i0 + 1 < n ? new float[] {1 - f, f} : new float[] {1};
                } else { // shrink: the mean of the covered interval [d * scale, (d + 1) * scale)
                    double lo = d * scale;
                    double hi = (d + 1) * scale;
                    int i0 = (int) Math.floor(lo);
                    int i1 = Math.min(n - 1, (int) Math.ceil(hi) - 1);
                    float[] w = new float[i1 - i0 + 1];
                    for (int i = i0; i <= i1; i++) {
                        w[i - i0] = (float) ((Math.min(hi, i + 1) - Math.max(lo, i)) / scale);
                    }
                    first[d] = i0;
                    weights[d] = w;
                }
            }
            return new Axis(first, weights);
        }

        /** Target pixel {@code d} from {@code src[base + (first[d] + k) * stride]}. */
        float apply(float[] src, int base, int stride, int d) {
            float[] w = weights[d];
            int at = base + first[d] * stride;
            float sum = 0;
            for (int k = 0; k < w.length; k++) {
                sum += w[k] * src[at + k * stride];
            }
            return sum;
        }
    }
}
