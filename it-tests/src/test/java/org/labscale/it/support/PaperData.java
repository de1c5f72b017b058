package org.labscale.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageEncoder;
import org.labscale.imaging.labels.LabelImageReader;

/**
 * The paper's data in {@code ../shared/data} (Van Valen et al. 2016: {@code bacteria/}, {@code semantic/},
 * {@code cytoplasm/}) as pixel arrays that tests and benchmarks crop and put together before uploading them as a lab
 * would: each channel as a 16-bit grey PNG, masks as 16-bit instance PNGs or 8-bit class-map PNGs. Values are kept
 * exactly; nothing is committed into the project.
 */
public final class PaperData {

    private PaperData() {
    }

    /** The data folder ({@code -Dlabscale.data.dir}, default {@code ../../shared/data} from it-tests). */
    public static Path root() {
        return Path.of(System.getProperty("labscale.data.dir", "../../shared/data"));
    }

    /** One image's channels (raw integer samples, row-major), all {@code width x height}. */
    public record Planes(int width, int height, List<int[]> channels) {

        /** The rectangle {@code (x, y, w, h)} of every channel. */
        public Planes crop(int x, int y, int w, int h) {
            List<int[]> out = new ArrayList<>();
            for (int[] c : channels) {
                out.add(cropArray(c, width, x, y, w, h));
            }
            return new Planes(w, h, out);
        }

        /** Channel {@code c} as a 16-bit grey PNG. */
        public byte[] png16(int c) {
            return LabelImageEncoder.labelsPng16(LabelImage.of(width, height, channels.get(c)));
        }

        /** Pastes {@code tile} with its top-left corner at {@code (x, y)}. */
        public void paste(Planes tile, int x, int y) {
            for (int c = 0; c < channels.size(); c++) {
                int[] to = channels.get(c);
                int[] from = tile.channels().get(c);
                for (int row = 0; row < tile.height(); row++) {
                    System.arraycopy(from, row * tile.width(), to, (y + row) * width + x, tile.width());
                }
            }
        }

        /** A blank image of {@code channels} channels. */
        public static Planes blank(int width, int height, int channels) {
            List<int[]> out = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                out.add(new int[width * height]);
            }
            return new Planes(width, height, out);
        }
    }

    /** Every page of a (multi-page) TIFF or PNG as a channel. */
    public static Planes image(Path file) {
        try (ImageFile opened = ImageFile.open(file, PageMode.CHANNELS)) {
            List<int[]> channels = new ArrayList<>();
            for (int c = 0; c < opened.info().channels(); c++) {
                channels.add(opened.readPlaneAsInts(c, 0));
            }
            return new Planes(opened.info().width(), opened.info().height(), channels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ImageRejectedException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /** A label mask or class map as stored. */
    public static LabelImage mask(Path file) {
        try {
            return new LabelImageReader().read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ImageRejectedException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    public static LabelImage crop(LabelImage mask, int x, int y, int w, int h) {
        return LabelImage.of(w, h, cropArray(mask.toArray(), mask.width(), x, y, w, h));
    }

    /** Whether every path exists. */
    public static boolean present(Path... paths) {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                return false;
            }
        }
        return true;
    }

    private static int[] cropArray(int[] data, int width, int x, int y, int w, int h) {
        int[] out = new int[w * h];
        for (int row = 0; row < h; row++) {
            System.arraycopy(data, (y + row) * width + x, out, row * w, w);
        }
        return out;
    }
}
