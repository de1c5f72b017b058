package org.labscale.imaging.io;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits an upload must respect, checked from the file header before any pixel buffer is allocated, plus the memory
 * and time budgets for decoding. Defaults ({@link #DEFAULTS}) are generous for live-cell microscopy, where images are typically
 * 512-2048 px per side, and still refuse decompression bombs and absurd headers.
 *
 * @param maxSide           largest width or height in pixels; default 65,536
 * @param maxPixelsPerPlane largest width x height; default 2^30 (1,073,741,824, e.g. 32,768 x 32,768: 1 GiB at 8 bit,
 *                          4 GiB when read whole as float[], so big planes should be read in bands)
 * @param maxPlanes         largest number of planes (pages x samples per page); default 10,000
 * @param maxTotalPixels    largest width x height x planes, bounding decode time; default 2^33 (8,589,934,592,
 *                          16 GiB of 16-bit data)
 * @param decodeBudgetBytes largest row of strips or tiles a TIFF page may have (all chunks across the page, one row
 *                          each: what the streaming decoder holds at once); default 8 MiB. Decoding holds a few rows,
 *                          not bands, so this is no longer a band size
 * @param maxPngPixels      largest width x height of a PNG (a PNG is one compressed stream that must be inflated
 *                          from its start, so it may be held lower than TIFF's per-plane limit); default 2^30
 * @param maxDecodeTime     most processing (CPU) time the decoding of one file may take, whatever it is used for;
 *                          beyond it the file is refused ({@code image.too-costly}); default 10 minutes
 */
public record ImageLimits(int maxSide, long maxPixelsPerPlane, int maxPlanes, long maxTotalPixels,
                          int decodeBudgetBytes, long maxPngPixels, Duration maxDecodeTime) {

    /** The documented defaults. */
    public static final ImageLimits DEFAULTS =
            new ImageLimits(65_536, 1L << 30, 10_000, 1L << 33, 8 << 20, 1L << 30, Duration.ofMinutes(10));

    /** Validates the values; see {@link #checkValidity()}. */
    public ImageLimits {
        checkValidity(maxSide, maxPixelsPerPlane, maxPlanes, maxTotalPixels, decodeBudgetBytes, maxPngPixels,
                maxDecodeTime);
    }

    /** Re-checks the invariants (the constructor already did); kept for symmetry with other config types. */
    public void checkValidity() {
        checkValidity(maxSide, maxPixelsPerPlane, maxPlanes, maxTotalPixels, decodeBudgetBytes, maxPngPixels,
                maxDecodeTime);
    }

    private static void checkValidity(int maxSide, long maxPixelsPerPlane, int maxPlanes, long maxTotalPixels,
                                      int decodeBudgetBytes, long maxPngPixels, Duration maxDecodeTime) {
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
        if (maxPngPixels < 1) {
            throw new IllegalArgumentException("maxPngPixels must be >= 1, got " + maxPngPixels);
        }
        Objects.requireNonNull(maxDecodeTime, "maxDecodeTime");
        if (maxDecodeTime.isNegative() || maxDecodeTime.isZero()) {
            throw new IllegalArgumentException("maxDecodeTime must be positive, got " + maxDecodeTime);
        }
    }

    /** Copy with another side limit. */
    public ImageLimits withMaxSide(int value) {
        return new ImageLimits(value, Math.min(maxPixelsPerPlane, (long) value * value), maxPlanes,
                maxTotalPixels, decodeBudgetBytes, maxPngPixels, maxDecodeTime);
    }

    /** Copy with another plane-count limit. */
    public ImageLimits withMaxPlanes(int value) {
        return new ImageLimits(maxSide, maxPixelsPerPlane, value, maxTotalPixels, decodeBudgetBytes, maxPngPixels,
                maxDecodeTime);
    }

    /** Copy with another decode budget. */
    public ImageLimits withDecodeBudgetBytes(int value) {
        return new ImageLimits(maxSide, maxPixelsPerPlane, maxPlanes, maxTotalPixels, value, maxPngPixels,
                maxDecodeTime);
    }

    /** Copy with another PNG pixel limit. */
    public ImageLimits withMaxPngPixels(long value) {
        return new ImageLimits(maxSide, maxPixelsPerPlane, maxPlanes, maxTotalPixels, decodeBudgetBytes, value,
                maxDecodeTime);
    }

    /** Copy with another decoding time limit. */
    public ImageLimits withMaxDecodeTime(Duration value) {
        return new ImageLimits(maxSide, maxPixelsPerPlane, maxPlanes, maxTotalPixels, decodeBudgetBytes,
                maxPngPixels, value);
    }
}
