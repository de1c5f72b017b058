package org.labscale.api.image.tile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;

/**
 * Builds the tile pyramid of an original image file into a folder, with bounded memory whatever the image's size.
 *
 * <p>One decoding pass ({@link ImageFile#decodeAll}, one band of rows in the heap at a time) writes level 0 of every
 * plane as raw floats and finds each plane's range. Then, per plane, each level is reduced to the next by 2 x 2 block
 * means of the finite samples, two rows at a time; the pass over level 0 also fills the plane's histogram. Heap:
 * the decoder's band plus a few rows of floats. Disk: 4 bytes per pixel per plane, times 4/3 for the levels.
 */
final class PyramidBuilder {

    private PyramidBuilder() {
    }

    /**
     * Builds into {@code dir} (which exists and is empty) the pyramid of {@code original} read in {@code mode}.
     *
     * @throws ImageRejectedException the original no longer decodes (it was validated at upload, so this means damage)
     */
    static Pyramid build(Path original, PageMode mode, Path dir) throws IOException, ImageRejectedException {
        ImageInfo info;
        PyramidLayout layout;
        PlaneHistogram[] histograms;
        try (ImageFile image = ImageFile.open(original, mode)) {
            info = image.info();
            layout = new PyramidLayout(info.width(), info.height());
            histograms = writeLevelZero(image, info, dir);
        }
        for (int f = 0; f < info.frames(); f++) {
            for (int c = 0; c < info.channels(); c++) {
                PlaneHistogram histogram = histograms[f * info.channels() + c];
                reduceLevels(dir, layout, c, f, histogram);
                histogram.write(dir.resolve(Pyramid.histogramName(c, f)));
            }
        }
        return new Pyramid(dir, layout, info.channels(), info.frames());
    }

    private static PlaneHistogram[] writeLevelZero(ImageFile image, ImageInfo info, Path dir)
            throws IOException, ImageRejectedException {
        int planes = info.channels() * info.frames();
        PlaneFile[] files = new PlaneFile[planes];
        PlaneHistogram[] histograms = new PlaneHistogram[planes];
        try {
            image.decodeAll((channel, frame, y, samples) -> {
                int i = frame * info.channels() + channel;
                try {
                    if (files[i] == null) {
                        files[i] = PlaneFile.create(dir.resolve(Pyramid.planeName(channel, frame, 0)), info.width(),
                                info.height());
                        histograms[i] = new PlaneHistogram();
                    }
                    files[i].writeRow(y, samples);
                    histograms[i].range(samples, info.width());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (PlaneFile f : files) {
                if (f != null) {
                    f.close();
                }
            }
        }
        return histograms;
    }

    /** Level by level: histogram of level 0 on the way, each level's 2 x 2 means written as the next. */
    private static void reduceLevels(Path dir, PyramidLayout layout, int c, int f, PlaneHistogram histogram)
            throws IOException {
        int top = layout.maxLevel();
        for (int level = 0; level <= top; level++) {
            int w = layout.width(level);
            int h = layout.height(level);
            try (PlaneFile source = PlaneFile.open(dir.resolve(Pyramid.planeName(c, f, level)), w, h);
                 PlaneFile target = level == top ? null
                         : PlaneFile.create(dir.resolve(Pyramid.planeName(c, f, level + 1)), layout.width(level + 1),
                                 layout.height(level + 1))) {
                float[] a = new float[w];
                float[] b = new float[w];
                float[] out = target == null ? null : new float[target.width()];
                for (int y = 0; y < h; y += 2) {
                    source.readRow(y, a);
                    boolean second = y + 1 < h;
                    if (second) {
                        source.readRow(y + 1, b);
                    }
                    if (level == 0) {
                        histogram.add(a, w);
                        if (second) {
                            histogram.add(b, w);
                        }
                    }
                    if (target != null) {
                        meanOfBlocks(a, second ? b : null, w, out);
                        target.writeRow(y / 2, out);
                    }
                }
            }
        }
    }

    /** {@code out[x]} = mean of the finite values among a[2x], a[2x+1], b[2x], b[2x+1] (NaN if none). */
    static void meanOfBlocks(float[] a, float[] b, int width, float[] out) {
        for (int x = 0, o = 0; x < width; x += 2, o++) {
            double sum = 0;
            int n = 0;
            for (int dx = 0; dx < 2 && x + dx < width; dx++) {
                float v = a[x + dx];
                if (Float.isFinite(v)) {
                    sum += v;
                    n++;
                }
                if (b != null) {
                    float u = b[x + dx];
                    if (Float.isFinite(u)) {
                        sum += u;
                        n++;
                    }
                }
            }
            out[o] = n == 0 ? Float.NaN : (float) (sum / n);
        }
    }
}
