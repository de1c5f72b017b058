package org.labscale.imaging.preview;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.BlockMeans;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.io.ImageLimits;
import org.labscale.imaging.io.ImageValidator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an upload needs in one decoding pass: the full validation of {@link ImageValidator} and the PNGs of
 * {@link PreviewRenderer} for any number of sizes (typically {@link PreviewSpec#PREVIEW} and
 * {@link PreviewSpec#THUMBNAIL}). Validating and rendering separately decodes a large image once per call, and decoding
 * dominates the cost (a 1 GiB 16-bit TIFF takes about a minute and a half per decode on a shared core).
 *
 * <p>How: {@link ImageFile#decodeAll(ImageFile.RowSink)} decodes every page row by row, exactly as validation does,
 * and hands each row of the previewed frame's shown channels to one {@link BlockMeans} per channel and per size as it
 * is decoded. Every size is binned from the full-resolution rows with its own factor, as
 * {@link PreviewRenderer} does, rather than the thumbnail being shrunk from the preview: the two factors need not
 * divide (23,170 px gives 23 and 91), and this way the PNGs are identical to {@link PreviewRenderer}'s, byte for byte,
 * for an extra addition per sample and size. Then each size is stretched and encoded as {@link PreviewRenderer} does.
 *
 * <p>Rejections, codes and messages are {@link ImageValidator}'s: nothing is rendered unless every pixel decoded.
 * Heap: a few decoded rows plus the binned planes of all sizes held together (4 bytes per output pixel and shown
 * channel: 12 MiB for a three-channel 1024 x 1024 preview), independent of the file size. PNG or TIFF, every pixel is
 * decoded exactly once.
 *
 * <p>Stateless and thread-safe: every call opens its own {@link ImageFile}.
 */
public final class ValidateAndPreview {

    /**
     * The outcome of a successful pass.
     *
     * @param info what the file holds, as {@link ImageValidator#validate} returns it
     * @param pngs one PNG per requested spec (duplicates collapsed), as {@link PreviewRenderer#render} returns it
     */
    public record Result(ImageInfo info, Map<PreviewSpec, byte[]> pngs) {

        public Result {
            Objects.requireNonNull(info, "info");
            pngs = Map.copyOf(pngs);
        }

        /**
         * The PNG rendered for {@code spec}.
         *
         * @throws IllegalArgumentException the spec was not requested
         */
        public byte[] png(PreviewSpec spec) {
            byte[] png = pngs.get(spec);
            if (png == null) {
                throw new IllegalArgumentException("no preview was rendered for " + spec);
            }
            return png;
        }
    }

    private final ImageLimits limits;

    /** A pass opening files with {@link ImageLimits#DEFAULTS}. */
    public ValidateAndPreview() {
        this(ImageLimits.DEFAULTS);
    }

    public ValidateAndPreview(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Probes and fully decodes {@code file}, rendering frame {@code frame} at every size in {@code specs}.
     *
     * @param mode  how pages of a multi-page TIFF map to channels or frames
     * @param frame the frame to render (0 for the first)
     * @param specs at least one size
     * @throws ImageRejectedException    the file is not an acceptable, intact image (see its code)
     * @throws IOException               the file cannot be read (a server-side problem)
     * @throws IndexOutOfBoundsException the image has no such frame (checked from the header, before decoding)
     */
    public Result run(Path file, PageMode mode, int frame, PreviewSpec... specs)
            throws IOException, ImageRejectedException {
        List<PreviewSpec> sizes = new ArrayList<>(new LinkedHashSet<>(List.of(specs)));
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("at least one PreviewSpec is needed");
        }
        try (ImageFile image = ImageFile.open(file, mode, limits)) {
            ImageInfo info = image.info();
            PreviewRenderer.checkFrame(info, frame);
            int shown = PreviewRenderer.shownChannels(info);
            BlockMeans[][] bins = new BlockMeans[sizes.size()][shown];
            for (int s = 0; s < sizes.size(); s++) {
                int factor = sizes.get(s).reductionFactor(info.width(), info.height());
                for (int c = 0; c < shown; c++) {
                    bins[s][c] = new BlockMeans(info.width(), info.height(), factor);
                }
            }
            image.decodeAll(new ImageFile.RowSink() {
                @Override
                public boolean wants(int channel, int f) {
                    return f == frame && channel < shown;
                }

                @Override
                public void row(int channel, int f, int y, float[] samples) {
                    for (BlockMeans[] size : bins) {
                        size[channel].add(samples);
                    }
                }
            });
            Map<PreviewSpec, byte[]> pngs = new HashMap<>();
            for (int s = 0; s < sizes.size(); s++) {
                byte[][] channels = new byte[shown][];
                int width = 0;
                int height = 0;
                for (int c = 0; c < shown; c++) {
                    FloatPlane plane = bins[s][c].result();
                    bins[s][c] = null; // the stretched bytes replace the floats
                    channels[c] = PreviewRenderer.stretch(plane, sizes.get(s));
                    width = plane.width();
                    height = plane.height();
                }
                pngs.put(sizes.get(s), PreviewRenderer.encode(width, height, channels));
            }
            return new Result(info, pngs);
        }
    }
}
