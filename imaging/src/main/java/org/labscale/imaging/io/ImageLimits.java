package org.labscale.imaging.io;

/**
 * Limits an upload must respect, checked from the file header before any pixel buffer is allocated, plus the memory
 * budget for decoding. Defaults ({@link #DEFAULTS}) are generous for live-cell microscopy, where images are typically
 * 512-2048 px per side, and still refuse decompression bombs and absurd headers.
 *
 * @param maxSide           largest width or height in pixels; default 65,536
 * @param maxPixelsPerPlane largest width x height; default 2^30 (1,073,741,824, e.g. 32,768 x 32,768: 1 GiB at 8 bit,
 *                          4 GiB when read whole as float[], so big planes should be read in bands)
 * @param maxPlanes         largest number of planes (pages x samples per page); default 10,000
 * @param maxTotalPixels    largest width x height x planes, bounding decode time; default 2^33 (8,589,934,592,
 *                          16 GiB of 16-bit data)
 * @param decodeBudgetBytes target size of one decoded band of rows; bounds the heap used by validation, binned
 *                          reading and previews; default 8 MiB (a band is never less than one row)
 */
public record ImageLimits(int maxSide, long maxPixelsPerPlane, int maxPlanes, long maxTotalPixels,
                          int decodeBudgetBytes) {

    /** The documented defaults. */
    public static final ImageLimits DEFAULTS =
            new ImageLimits(65_536, 1L << 30, 10_000, 1L << 33, 8 << 20);

    /** Validates the values; see {@link #checkValidity()}. */
    public ImageLimits {
        checkValidity(maxSide, maxPixelsPerPlane, maxPlanes, maxTotalPixels, decodeBudgetBytes);
    }

    /** Re-checks the invariants (the constructor already did); kept for symmetry with other config types. */
    public void checkValidity() {
        checkValidity(maxSide, maxPixelsPerPlane, maxPlanes, maxTotalPixels, decodeBudgetBytes);
    }

    private static void checkValidity(int maxSide, long maxPixelsPerPlane, int maxPlanes, long maxTotalPixels,
                                      int decodeBudgetBytes) {
        if (maxSide < 1) {
            throw new IllegalArgumentException("maxSide must be >= 1, got " + maxSide);
        }
        if (maxPixelsPerPlane < 1 || maxPixelsPerPlane > Integer.MAX_VALUE - 8) {
            // A plane must fit one Java array for readPlane().
            throw new IllegalArgumentException("maxPixelsPerPlane must be in 1.." + (Integer.MAX_VALUE - 8)
                    + ", got " + maxPixelsPerPlane);
        }
        if (maxPlanes < 1) {
            throw new IllegalArgumentException("maxPlanes must be >= 1, got " + maxPlanes);
        }
        if (maxTotalPixels < maxPixelsPerPlane) {
            throw new IllegalArgumentException("maxTotalPixels (" + maxTotalPixels
                    + ") must be >= maxPixelsPerPlane (" + maxPixelsPerPlane + ")");
        }
        if (decodeBudgetBytes < 64 * 1024) {
            throw new IllegalArgumentException("decodeBudgetBytes must be >= 65536, got " + decodeBudgetBytes);
        }
    }

    /** Copy with another side limit. */
    public ImageLimits withMaxSide(int value) {
        return new ImageLimits(value, Math.min(maxPixelsPerPlane, (long) value * value), maxPlanes,
                maxTotalPixels, decodeBudgetBytes);
    }

    /** Copy with another plane-count limit. */
    public ImageLimits withMaxPlanes(int value) {
        return new ImageLimits(maxSide, maxPixelsPerPlane, value, maxTotalPixels, decodeBudgetBytes);
    }

    /** Copy with another decode budget. */
    public ImageLimits withDecodeBudgetBytes(int value) {
        return new ImageLimits(maxSide, maxPixelsPerPlane, maxPlanes, maxTotalPixels, value);
    }
}
