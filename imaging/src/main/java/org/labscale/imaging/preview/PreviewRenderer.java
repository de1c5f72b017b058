package org.labscale.imaging.preview;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.io.ImageLimits;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Renders an 8-bit PNG preview of one frame: reduced by an integer factor with block means
 * ({@link ImageFile#readBinned}) so memory stays bounded for huge images, then contrast-stretched per channel by
 * robust percentiles of the reduced pixels ({@link PercentileStretch}).
 *
 * <p>Channels: one channel is drawn as gray. Two channels (e.g. phase + nuclear marker) become a green/magenta
 * composite, channel 1 green and channel 2 magenta, which stays readable for red-green colour-blind viewers. Three or
 * more: the first three as red, green, blue (natural for RGB files); further channels are not shown. Each channel is
 * stretched independently, so composite colours show structure, not calibrated intensity ratios.
 */
public final class PreviewRenderer {

    private final ImageLimits limits;

    /** A renderer opening files with {@link ImageLimits#DEFAULTS}. */
    public PreviewRenderer() {
        this(ImageLimits.DEFAULTS);
    }

    public PreviewRenderer(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Opens {@code file} and renders frame {@code frame}; see {@link #render(ImageFile, int, PreviewSpec)}. */
    public byte[] render(Path file, PageMode mode, int frame, PreviewSpec spec)
            throws IOException, ImageRejectedException {
        try (ImageFile image = ImageFile.open(file, mode, limits)) {
            return render(image, frame, spec);
        }
    }

    /**
     * Renders frame {@code frame} of an open image.
     *
     * @return PNG bytes: 8-bit gray for one channel, 8-bit RGB otherwise
     */
    public byte[] render(ImageFile image, int frame, PreviewSpec spec) throws ImageRejectedException {
        ImageInfo info = image.info();
        checkFrame(info, frame);
        int factor = spec.reductionFactor(info.width(), info.height());
        byte[][] channels = new byte[shownChannels(info)][];
        FloatPlane plane = null;
        for (int c = 0; c < channels.length; c++) {
            plane = image.readBinned(c, frame, factor);
            channels[c] = stretch(plane, spec);
        }
        return encode(plane.width(), plane.height(), channels);
    }

    /** The channels a preview shows: the first three at most. */
    static int shownChannels(ImageInfo info) {
        return Math.min(3, info.channels());
    }

    static void checkFrame(ImageInfo info, int frame) {
        if (frame < 0 || frame >= info.frames()) {
            throw new IndexOutOfBoundsException("frame " + frame + " outside 0.." + (info.frames() - 1));
        }
    }

    /** One binned channel stretched to 8 bits by the spec's percentiles of its own values. */
    static byte[] stretch(FloatPlane binned, PreviewSpec spec) {
        PercentileStretch.Range range =
                PercentileStretch.range(binned.pixels(), spec.lowPercentile(), spec.highPercentile());
        return PercentileStretch.apply(binned.pixels(), range);
    }

    /**
     * PNG bytes of stretched channels ({@code width x height} each): 8-bit gray for one channel, green/magenta for
     * two, RGB for three.
     */
    static byte[] encode(int width, int height, byte[][] channels) {
        BufferedImage out;
        if (channels.length == 1) {
            out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            byte[] data = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
            System.arraycopy(channels[0], 0, data, 0, data.length);
        } else {
            out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < width * height; i++) {
                int rgb = ChannelComposite.rgb(channels, i);
                bgr[3 * i] = (byte) rgb;
                bgr[3 * i + 1] = (byte) (rgb >> 8);
                bgr[3 * i + 2] = (byte) (rgb >> 16);
            }
        }
        return PngBytes.of(out, "a preview");
    }
}
