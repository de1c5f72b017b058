package org.labscale.imaging.io;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * An accepted image file opened for reading pixel data, plane by plane or in runs of rows. Opening probes the header
 * first ({@link ImageProbe}), so limits hold before anything is decoded.
 *
 * <p>Decoding is streaming ({@link PngDecoder}, {@link TiffDecoder}): rows are decompressed once, in order, and only a
 * few are in memory at a time, so every read costs one pass over the data it needs and the heap holds one row (plus
 * the decompressors' state and the caller's result). Consecutive reads of one plane continue where the last one
 * ended. Decoding errors are reported as {@link ImageRejectedException}s (truncated or corrupt), because the header
 * already passed; so is decoding that exceeds {@link ImageLimits#maxDecodeTime()} ({@code image.too-costly}), counted
 * over all reads of this instance.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class ImageFile implements AutoCloseable {

    private final ImageLayout layout;
    private final PixelDecoder decoder;
    private final DecodeWork work;

    private ImageFile(ImageLayout layout, PixelDecoder decoder, DecodeWork work) {
        this.layout = layout;
        this.decoder = decoder;
        this.work = work;
    }

    /** Opens {@code file} with {@link ImageLimits#DEFAULTS}. */
    public static ImageFile open(Path file, PageMode mode) throws IOException, ImageRejectedException {
        return open(file, mode, ImageLimits.DEFAULTS);
    }

    /**
     * Probes the header against {@code limits} and opens the decoder.
     *
     * @throws ImageRejectedException the header is not acceptable
     * @throws IOException            the file cannot be read
     */
    public static ImageFile open(Path file, PageMode mode, ImageLimits limits)
            throws IOException, ImageRejectedException {
        ImageLayout layout = new ImageProbe(limits).layout(file, mode);
        ImageInfo info = layout.info();
        DecodeWork work = new DecodeWork(info.format(), limits.maxDecodeTime());
        PixelDecoder decoder = info.format() == ImageFormat.PNG
                ? new PngDecoder(file, info.width(), info.height(), layout.bandsPerPage(), info.bitsPerSample(), work)
                : new TiffDecoder(file, layout.tiffPages().get(0).order(), layout.tiffPages(), work);
        return new ImageFile(layout, decoder, work);
    }

    /** What the header says. */
    public ImageInfo info() {
        return layout.info();
    }

    /** The whole plane of channel {@code channel}, frame {@code frame}, as floats. */
    public FloatPlane readPlane(int channel, int frame) throws ImageRejectedException {
        return readRows(channel, frame, 0, info().height());
    }

    /**
     * Rows {@code y0 .. y0 + rows - 1} of one plane as floats ({@code rows x width} values).
     *
     * @throws IndexOutOfBoundsException the plane or rows are outside the image
     */
    public FloatPlane readRows(int channel, int frame, int y0, int rows) throws ImageRejectedException {
        checkRows(y0, rows);
        int width = info().width();
        float[] out = new float[Math.multiplyExact(width, rows)];
        decode(layout.pageOf(channel, frame), new int[]{layout.bandOf(channel)}, y0, y0 + rows,
                (band, y, samples) -> System.arraycopy(samples, 0, out, (y - y0) * width, width));
        return new FloatPlane(width, rows, out);
    }

    /**
     * The whole plane as ints, exact for 8- and 16-bit samples (used for label images).
     *
     * @throws IllegalStateException the samples are floats
     */
    public int[] readPlaneAsInts(int channel, int frame) throws ImageRejectedException {
        if (!info().sampleType().isInteger()) {
            throw new IllegalStateException("samples are " + info().sampleType() + ", not integers");
        }
        int width = info().width();
        int[] out = new int[Math.multiplyExact(width, info().height())];
        decode(layout.pageOf(channel, frame), new int[]{layout.bandOf(channel)}, 0, info().height(),
                (band, y, samples) -> {
                    int at = y * width;
                    for (int x = 0; x < width; x++) {
                        out[at + x] = (int) samples[x]; // exact: 8/16-bit integers are exact floats
                    }
                });
        return out;
    }

    /**
     * One plane reduced by {@code factor} in both directions with block means ({@link BlockMeans}): each output pixel
     * is the mean of the finite samples in its {@code factor x factor} block (blocks at the right and bottom edges may
     * be smaller; a block without finite samples is NaN). Output size is
     * {@code ceil(width / factor) x ceil(height / factor)}.
     *
     * <p>Block means avoid the aliasing of plain decimation; every row is decoded anyway, so they cost an addition
     * per sample. Heap: one row plus the output.
     */
    public FloatPlane readBinned(int channel, int frame, int factor) throws ImageRejectedException {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be >= 1, got " + factor);
        }
        int width = info().width();
        int height = info().height();
        BlockMeans bins = new BlockMeans(width, height, factor);
        decode(layout.pageOf(channel, frame), new int[]{layout.bandOf(channel)}, 0, height,
                (band, y, samples) -> bins.add(samples));
        return bins.result();
    }

    /**
     * Receives decoded rows during {@link #decodeAll(RowSink)}: lets one decoding pass validate the file and, say,
     * bin a preview at the same time.
     */
    @FunctionalInterface
    public interface RowSink {

        /** Takes no rows: plain validation. */
        RowSink NONE = new RowSink() {
            @Override
            public boolean wants(int channel, int frame) {
                return false;
            }

            @Override
            public void row(int channel, int frame, int y, float[] samples) {
                throw new IllegalStateException("no rows wanted");
            }
        };

        /**
         * Whether the rows of plane ({@code channel}, {@code frame}) should be delivered; asked once per plane before
         * its page is decoded. By default every plane.
         */
        default boolean wants(int channel, int frame) {
            return true;
        }

        /**
         * Row {@code y} of plane ({@code channel}, {@code frame}): the first {@code width} values of {@code samples},
         * as floats ({@link FloatPlane}'s conversion). The array is reused after the call returns. The rows of one
         * plane arrive in order 0 .. height - 1, each exactly once.
         */
        void row(int channel, int frame, int y, float[] samples);
    }

    /**
     * Decodes every pixel of every page once, as validation requires, and hands the rows of the planes {@code sink}
     * wants to it as they are decoded; any damage surfaces as a rejection (possibly after some rows were delivered:
     * the sink's result is meaningful only if this returns normally). One streaming pass, PNG or TIFF.
     *
     * <p>Heap: one row per open strip or tile, plus one row of floats, plus whatever the sink keeps.
     */
    public void decodeAll(RowSink sink) throws ImageRejectedException {
        Objects.requireNonNull(sink, "sink");
        work.start();
        try {
            for (int page = 0; page < layout.pages(); page++) {
                int frame = layout.frameOf(page);
                int p = page;
                int[] wanted = IntStream.range(0, layout.channelsPerPage())
                        .filter(b -> sink.wants(layout.channelOf(p, b), frame))
                        .toArray();
                decoder.wholePage(page, wanted, wanted.length == 0 ? null
                        : (band, y, samples) -> sink.row(layout.channelOf(p, band), frame, y, samples));
            }
        } catch (IOException e) {
            throw DecodeFailures.translate(e, info().format(), "reading the file");
        } finally {
            work.stop();
        }
    }

    /** Decodes every pixel of every page once and discards it; any damage surfaces as a rejection. */
    void decodeAll() throws ImageRejectedException {
        decodeAll(RowSink.NONE);
    }

    /** Bytes of pixel data decoded so far by this instance, counting any decoded twice (see {@link DecodeWork}). */
    long decodedBytes() {
        return work.decodedBytes();
    }

    private void decode(int page, int[] bands, int y0, int y1, PixelDecoder.RowConsumer out)
            throws ImageRejectedException {
        work.start();
        try {
            decoder.rows(page, bands, y0, y1, out);
        } catch (IOException e) {
            throw DecodeFailures.translate(e, info().format(), "reading the file");
        } finally {
            work.stop();
        }
    }

    private void checkRows(int y0, int rows) {
        if (y0 < 0 || rows < 1 || (long) y0 + rows > info().height()) {
            throw new IndexOutOfBoundsException("rows " + y0 + ".." + ((long) y0 + rows - 1) + " outside 0.."
                    + (info().height() - 1));
        }
    }

    @Override
    public void close() throws IOException {
        decoder.close();
    }

    @Override
    public String toString() {
        return "ImageFile" + Objects.toString(layout.info());
    }
}
