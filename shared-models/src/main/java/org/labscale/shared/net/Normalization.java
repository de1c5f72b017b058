package org.labscale.shared.net;

/**
 * How images are normalised before a net sees them.
 *
 * @param method {@value #MEDIAN_LOCAL_MEAN} (the paper's: divide by the median, subtract the local mean)
 * @param window box-filter side in pixels, odd; defaults to the net's receptive field
 */
public record Normalization(String method, Integer window) {

    /** The paper's method and the only one so far. */
    public static final String MEDIAN_LOCAL_MEAN = "median-local-mean";

    /** The paper's normalisation with a window of the receptive field. */
    public static Normalization paper(int receptiveField) {
        return new Normalization(MEDIAN_LOCAL_MEAN, receptiveField);
    }
}
