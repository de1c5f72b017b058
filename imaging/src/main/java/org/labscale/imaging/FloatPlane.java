package org.labscale.imaging;

/**
 * A rectangle of one channel's samples as floats, row-major ({@code pixels[y * width + x]}). Integer samples are
 * converted exactly (unsigned); float samples are passed through unchanged, NaN included.
 *
 * @param width  columns
 * @param height rows
 * @param pixels {@code width * height} values; owned by the caller
 */
public record FloatPlane(int width, int height, float[] pixels) {

    public FloatPlane {
        if (width < 0 || height < 0 || pixels == null || pixels.length != (long) width * height) {
            throw new IllegalArgumentException("pixels must hold width*height = " + width + "*" + height + " values");
        }
    }

    /** The sample at column x, row y. */
    public float get(int x, int y) {
        return pixels[y * width + x];
    }
}
