package org.labscale.imaging;

import java.util.Objects;

/**
 * What a probe or validation learned about an image file: its geometry and how its samples are stored.
 *
 * @param format        container format
 * @param width         pixels per row
 * @param height        rows
 * @param channels      channels per frame (see {@link PageMode})
 * @param frames        time points (see {@link PageMode}); 1 for PNG
 * @param bitsPerSample 8, 16 or 32
 * @param sampleType    storage type of every sample
 * @param compression   human-readable compression name, e.g. "none", "LZW", "Deflate", "Adobe Deflate"
 */
public record ImageInfo(ImageFormat format, int width, int height, int channels, int frames, int bitsPerSample,
                        SampleType sampleType, String compression) {

    public ImageInfo {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sampleType, "sampleType");
        Objects.requireNonNull(compression, "compression");
        if (width < 1 || height < 1 || channels < 1 || frames < 1) {
            throw new IllegalArgumentException("width, height, channels and frames must be >= 1, got "
                    + width + "x" + height + ", " + channels + " channels, " + frames + " frames");
        }
        if (bitsPerSample != sampleType.bits()) {
            throw new IllegalArgumentException("bitsPerSample " + bitsPerSample + " does not match " + sampleType);
        }
    }

    /** Number of 2-D planes (channels x frames). */
    public long planes() {
        return (long) channels * frames;
    }

    /** Pixels in one plane. */
    public long pixelsPerPlane() {
        return (long) width * height;
    }
}
