package org.labscale.imaging.labels;

import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.RejectionCode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.io.ImageLimits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads an annotation file (8- or 16-bit single-plane grayscale PNG or TIFF, any accepted compression) into a
 * {@link LabelImage}. Header limits, truncation and corruption are checked as for images; the values themselves are
 * checked by {@link LabelValidator}.
 */
public final class LabelImageReader {

    private final ImageLimits limits;

    /** A reader with {@link ImageLimits#DEFAULTS}. */
    public LabelImageReader() {
        this(ImageLimits.DEFAULTS);
    }

    public LabelImageReader(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @throws ImageRejectedException the file is not an acceptable image ({@code image.*}), has more than one plane
     *                                ({@code mask.not-single-plane}) or float samples ({@code mask.unsupported-bit-depth})
     * @throws IOException            the file cannot be read
     */
    public LabelImage read(Path file) throws IOException, ImageRejectedException {
        try (ImageFile image = ImageFile.open(file, PageMode.CHANNELS, limits)) {
            ImageInfo info = image.info();
            if (info.planes() != 1) {
                throw new ImageRejectedException(RejectionCode.MASK_NOT_SINGLE_PLANE, "An annotation must be a single"
                        + " grayscale plane; this file has " + info.channels() + " channels"
                        + (info.channels() == 3 ? " (RGB)" : "") + ". Save it as 8- or 16-bit grayscale.");
            }
            if (!info.sampleType().isInteger()) {
                throw new ImageRejectedException(RejectionCode.MASK_UNSUPPORTED_BIT_DEPTH, "An annotation must hold 8-"
                        + " or 16-bit unsigned integers; this file holds " + info.bitsPerSample()
                        + "-bit floating-point values.");
            }
            return LabelImage.wrap(info.width(), info.height(), image.readPlaneAsInts(0, 0));
        }
    }
}
