package org.labscale.imaging.preview;

/**
 * Size and contrast of a rendered preview.
 *
 * @param longestSide    the longest side of the output in pixels; images are reduced by an integer factor so the
 *                       result is at most this (never enlarged)
 * @param lowPercentile  percentile mapped to black, in [0, 100); default 0.5
 * @param highPercentile percentile mapped to full brightness, in (lowPercentile, 100]; default 99.5
 */
public record PreviewSpec(int longestSide, double lowPercentile, double highPercentile) {

    /** Detail view: longest side 1024 px, 0.5 / 99.5 percentiles. */
    public static final PreviewSpec PREVIEW = new PreviewSpec(1024, 0.5, 99.5);

    /** Gallery thumbnail: longest side 256 px, 0.5 / 99.5 percentiles. */
    public static final PreviewSpec THUMBNAIL = new PreviewSpec(256, 0.5, 99.5);

    public PreviewSpec {
        if (longestSide < 1) {
            throw new IllegalArgumentException("longestSide must be >= 1, got " + longestSide);
        }
        if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
            throw new IllegalArgumentException("need 0 <= lowPercentile < highPercentile <= 100, got "
                    + lowPercentile + " and " + highPercentile);
        }
    }

    /** The integer reduction factor that brings {@code width x height} to at most {@link #longestSide()}. */
    public int reductionFactor(int width, int height) {
        int longest = Math.max(width, height);
        return Math.max(1, (longest + longestSide - 1) / longestSide);
    }
}
