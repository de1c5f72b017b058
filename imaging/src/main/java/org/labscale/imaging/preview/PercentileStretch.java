package org.labscale.imaging.preview;

import java.util.Arrays;

/**
 * Robust contrast stretch for display: the low and high percentiles of the pixel values are mapped linearly to 0 and
 * 255 and everything outside is clipped. Percentiles (rather than min/max) keep a few hot pixels or saturated debris
 * from turning the rest of a fluorescence image black. Non-finite values (NaN, infinities) are ignored for the
 * statistics and drawn black.
 *
 * <p>Percentiles use linear interpolation between closest ranks (the "R-7"/NumPy default definition).
 */
public final class PercentileStretch {

    /** Display range: values at or below {@code low} become 0, at or above {@code high} 255. */
    public record Range(float low, float high) {
    }

    private PercentileStretch() {
    }

    /**
     * The {@code lowPercent} and {@code highPercent} percentiles of the finite values (sorts a copy: O(n log n) time
     * and n floats of memory, fine for preview-sized inputs). An input without finite values gives [0, 0].
     */
    public static Range range(float[] values, double lowPercent, double highPercent) {
        float[] finite = new float[values.length];
        int n = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                finite[n++] = v;
            }
        }
        if (n == 0) {
            return new Range(0, 0);
        }
        Arrays.sort(finite, 0, n);
        return new Range(percentile(finite, n, lowPercent), percentile(finite, n, highPercent));
    }

    private static float percentile(float[] sorted, int n, double percent) {
        double rank = percent / 100.0 * (n - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(n - 1, below + 1);
        double fraction = rank - below;
        return (float) (sorted[below] + fraction * (sorted[above] - sorted[below]));
    }

    /**
     * Maps values to unsigned bytes. If the range is empty ({@code high <= low}, e.g. a mostly black image with
     * sparse spots), values above {@code low} become 255 and the rest 0, so the spots stay visible.
     */
    public static byte[] apply(float[] values, Range range) {
        byte[] out = new byte[values.length];
        double low = range.low();
        double span = (double) range.high() - low;
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            int g;
            if (!Float.isFinite(v)) {
                g = 0;
            } else if (span <= 0) {
                g = v > low ? 255 : 0;
            } else {
                double scaled = (v - low) / span * 255.0; // clamp before rounding: huge values overflow an int
                g = (int) Math.round(Math.max(0.0, Math.min(255.0, scaled)));
            }
            out[i] = (byte) g;
        }
        return out;
    }
}
