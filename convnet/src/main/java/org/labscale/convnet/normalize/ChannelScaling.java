package org.labscale.convnet.normalize;

import java.util.Arrays;

import org.labscale.shared.net.Normalization;

/**
 * The per-image, per-channel affine step before the local mean is subtracted: {@code v = (p - offset) / scale}.
 * Being whole-image statistics, both are computed once per image ({@link #of}) and handed to every tile.
 *
 * <ul>
 *   <li>{@value Normalization#MEDIAN_LOCAL_MEAN} (the paper's): offset 0, scale the channel's median
 *       ({@link LocalMeanNormalizer#median}). Invariant to gain, not to offset: a camera's black level of 33,000
 *       under a signal of 1,000-4,000 leaves a contrast of a few hundredths.</li>
 *   <li>{@value Normalization#ROBUST_LOCAL_MEAN}: offset the 1st percentile, scale the spread between the 1st and
 *       99th percentiles (else the full range, else 1). Invariant to offset and gain, so 16-bit data with a large
 *       black level looks to the net like the same scene recorded at 8 bits.</li>
 * </ul>
 * NaN samples are ignored.
 *
 * @param offset subtracted first
 * @param scale  divided by next; positive and finite
 */
public record ChannelScaling(float offset, float scale) {

    /** The percentiles whose spread scales {@value Normalization#ROBUST_LOCAL_MEAN}. */
    public static final double LOW_PERCENTILE = 1;
    public static final double HIGH_PERCENTILE = 99;

    public ChannelScaling {
        if (!(scale > 0) || !Float.isFinite(scale) || !Float.isFinite(offset)) {
            throw new IllegalArgumentException("scale must be positive and finite and offset finite, not "
                    + scale + " and " + offset);
        }
    }

    /** The statistics of {@code plane} (a whole channel) for a normalisation method. */
    public static ChannelScaling of(String method, float[] plane) {
        if (Normalization.MEDIAN_LOCAL_MEAN.equals(method)) {
            return new ChannelScaling(0f, LocalMeanNormalizer.median(plane));
        }
        if (Normalization.ROBUST_LOCAL_MEAN.equals(method)) {
            return robust(plane);
        }
        throw new IllegalArgumentException("Unknown normalisation \"" + method + "\"; known: "
                + Normalization.METHODS + ".");
    }

    private static ChannelScaling robust(float[] plane) {
        float[] sorted = new float[plane.length];
        int n = 0;
        for (float v : plane) {
            if (!Float.isNaN(v)) {
                sorted[n++] = v;
            }
        }
        if (n == 0) {
            return new ChannelScaling(0f, 1f);
        }
        sorted = Arrays.copyOf(sorted, n);
        Arrays.sort(sorted);
        float low = percentile(sorted, LOW_PERCENTILE);
        float spread = percentile(sorted, HIGH_PERCENTILE) - low;
        if (!(spread > 0) || !Float.isFinite(spread)) {
            spread = sorted[n - 1] - sorted[0];
        }
        if (!(spread > 0) || !Float.isFinite(spread)) {
            spread = 1f;
        }
        return new ChannelScaling(Float.isFinite(low) ? low : 0f, spread);
    }

    /** Linear interpolation between the closest ranks of a sorted, non-empty array. */
    static float percentile(float[] sorted, double percent) {
        double rank = percent / 100.0 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(sorted.length - 1, below + 1);
        double weight = rank - below;
        return (float) (sorted[below] + weight * ((double) sorted[above] - sorted[below]));
    }
}
