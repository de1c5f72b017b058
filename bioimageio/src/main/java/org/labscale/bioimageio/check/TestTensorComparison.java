package org.labscale.bioimageio.check;

import java.util.Arrays;

import org.labscale.bioimageio.npy.Npy;

/**
 * bioimage.io's rule for a model's test output: an element is off when
 * {@code |actual - expected| > ABSOLUTE + RELATIVE * |expected|}, and the output passes when at most
 * {@value #MAX_OFF_PER_MILLION} elements per million are off (and the shapes agree).
 *
 * @param elements     elements compared
 * @param off          elements outside the tolerance
 * @param maxAbsolute  the largest absolute difference
 * @param firstOff     index of the first element off, or -1
 * @param shapeMismatch a sentence when the shapes differ, else null
 */
public record TestTensorComparison(long elements, long off, double maxAbsolute, long firstOff,
                                   String shapeMismatch) {

    public static final double ABSOLUTE = 1e-3;
    public static final double RELATIVE = 1e-3;
    public static final long MAX_OFF_PER_MILLION = 100;

    public static TestTensorComparison compare(Npy.Tensor actual, Npy.Tensor expected) {
        if (!Arrays.equals(squeeze(actual.shape()), squeeze(expected.shape()))) {
            return new TestTensorComparison(0, 0, Double.NaN, -1, "the output has shape "
                    + Arrays.toString(actual.shape()) + ", the test output " + Arrays.toString(expected.shape()));
        }
        return compare(actual.data(), expected.data());
    }

    public static TestTensorComparison compare(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            return new TestTensorComparison(0, 0, Double.NaN, -1, "the output has " + actual.length
                    + " elements, the test output " + expected.length);
        }
        long off = 0;
        long first = -1;
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            if (!(d <= ABSOLUTE + RELATIVE * Math.abs(expected[i]))) {
                off++;
                if (first < 0) {
                    first = i;
                }
            }
            max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
        }
        return new TestTensorComparison(actual.length, off, max, first, null);
    }

    /** Whether the output passes: same shape, at most {@value #MAX_OFF_PER_MILLION} off per million. */
    public boolean passes() {
        return shapeMismatch == null && off * 1_000_000 <= MAX_OFF_PER_MILLION * elements;
    }

    /** One sentence: what was compared and how far off it is. */
    public String describe() {
        if (shapeMismatch != null) {
            return shapeMismatch + ".";
        }
        return off + " of " + elements + " elements (" + String.format(java.util.Locale.ROOT, "%.1f",
                elements == 0 ? 0.0 : off * 1e6 / elements) + " per million; at most " + MAX_OFF_PER_MILLION
                + " allowed) differ by more than " + ABSOLUTE + " + " + RELATIVE + " x |expected|; the largest"
                + " difference is " + String.format(java.util.Locale.ROOT, "%.3g", maxAbsolute)
                + (firstOff >= 0 ? ", first at element " + firstOff : "") + ".";
    }

    private static long[] squeeze(long[] shape) {
        return Arrays.stream(shape).filter(d -> d != 1).toArray();
    }
}
