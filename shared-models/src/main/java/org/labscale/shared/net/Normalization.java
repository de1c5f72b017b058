package org.labscale.shared.net;

import java.util.List;

/**
 * How images are normalised before a net sees them: a per-image affine step, then the local mean is subtracted.
 *
 * @param method {@value #ROBUST_LOCAL_MEAN} (the default: subtract the 1st percentile, divide by the 1st-99th
 *               percentile spread) or {@value #MEDIAN_LOCAL_MEAN} (the paper's: divide by the median); both then
 *               subtract the local mean
 * @param window box-filter side in pixels, odd; defaults to the net's receptive field
 */
public record Normalization(String method, Integer window) {

    /** The paper's method: divide by the median, subtract the local mean. Not robust to a camera's black level. */
    public static final String MEDIAN_LOCAL_MEAN = "median-local-mean";

    /** Robust to offset and gain: subtract the 1st percentile, divide by the 1st-99th percentile spread. */
    public static final String ROBUST_LOCAL_MEAN = "robust-local-mean";

    /** Every method, the default first. */
    public static final List<String> METHODS = List.of(ROBUST_LOCAL_MEAN, MEDIAN_LOCAL_MEAN);

    /** The method new trainings use when none is given. */
    public static final String DEFAULT_METHOD = ROBUST_LOCAL_MEAN;

    /** The paper's normalisation with a window of the receptive field. */
    public static Normalization paper(int receptiveField) {
        return new Normalization(MEDIAN_LOCAL_MEAN, receptiveField);
    }

    /** The default normalisation with a window of the receptive field. */
    public static Normalization standard(int receptiveField) {
        return new Normalization(DEFAULT_METHOD, receptiveField);
    }

    /** Whether {@code method} names a known normalisation. */
    public static boolean known(String method) {
        return METHODS.contains(method);
    }
}
