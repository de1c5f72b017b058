package org.labscale.imaging.io;

import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * Describes an uploaded file from its header alone: format, size, channels, frames, sample type and compression.
 * Checks every page against {@link ImageLimits} and the supported formats without decoding pixels, so it is cheap and
 * safe against absurd headers (a TIFF claiming 100,000 x 100,000 pixels is refused after reading a few hundred
 * bytes). It does not prove the pixel data decodes; {@link ImageValidator} does.
 */
public final class ImageProbe {

    private final ImageLimits limits;

    /** A probe with {@link ImageLimits#DEFAULTS}. */
    public ImageProbe() {
        this(ImageLimits.DEFAULTS);
    }

    public ImageProbe(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Reads the header of {@code file}.
     *
     * @param mode how pages of a multi-page TIFF map to channels or frames (ignored for single-page files)
     * @throws ImageRejectedException the content is not an acceptable image (see its code)
     * @throws IOException            the file cannot be read (a server-side problem)
     */
    public ImageInfo probe(Path file, PageMode mode) throws IOException, ImageRejectedException {
        return layout(file, mode).info();
    }

    ImageLimits limits() {
        return limits;
    }

    ImageLayout layout(Path file, PageMode mode) throws IOException, ImageRejectedException {
        Objects.requireNonNull(mode, "mode");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileBytes bytes = new FileBytes(channel);
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(FileSignature.LENGTH, bytes.size()));
            while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
                // read until full or end of file
            }
            ImageFormat format = FileSignature.detect(Arrays.copyOf(head.array(), head.position()), bytes.size());
            return switch (format) {
                case TIFF -> TiffStructure.read(bytes, limits, mode);
                case PNG -> PngStructure.read(bytes, limits, mode);
            };
        }
    }
}
