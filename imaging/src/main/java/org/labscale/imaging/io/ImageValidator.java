package org.labscale.imaging.io;

import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Full validation of an uploaded file: the header checks of {@link ImageProbe}, then every pixel of every page is
 * decoded once, so truncated or corrupt data is found at upload time rather than during training.
 *
 * <p>Decoding is one streaming pass ({@link ImageFile}): the heap holds a few rows, independent of the file size (a
 * 128 MB TIFF and the 1 GiB of rows of a 32,768 px square PNG validate with a 32 MiB heap, see
 * {@code BoundedMemoryTest}), and processing time is bounded by {@link ImageLimits#maxDecodeTime()}.
 *
 * <p>An upload that also needs previews should use {@link org.labscale.imaging.preview.ValidateAndPreview}, which
 * validates exactly as this does and renders in the same decoding pass.
 */
public final class ImageValidator {

    private final ImageLimits limits;

    /** A validator with {@link ImageLimits#DEFAULTS}. */
    public ImageValidator() {
        this(ImageLimits.DEFAULTS);
    }

    public ImageValidator(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Probes and fully decodes {@code file}.
     *
     * @param mode how pages of a multi-page TIFF map to channels or frames
     * @return the image description, as {@link ImageProbe#probe} gives it
     * @throws ImageRejectedException the file is not an acceptable, intact image (see its code)
     * @throws IOException            the file cannot be read (a server-side problem)
     */
    public ImageInfo validate(Path file, PageMode mode) throws IOException, ImageRejectedException {
        try (ImageFile image = ImageFile.open(file, mode, limits)) {
            image.decodeAll();
            return image.info();
        }
    }
}
