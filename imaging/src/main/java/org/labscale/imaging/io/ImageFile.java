package org.labscale.imaging.io;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import java.awt.Rectangle;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * An accepted image file opened for reading pixel data, plane by plane or in bands of rows. Opening probes the header
 * first ({@link ImageProbe}), so limits hold before anything is decoded.
 *
 * <p>Memory: every read decodes at most one band of rows of one page at a time, sized to
 * {@link ImageLimits#decodeBudgetBytes()} (at least one row); only the caller's result grows with the request. Decoding
 * errors are reported as {@link ImageRejectedException}s (truncated or corrupt), because the header already passed.
 *
 * <p>Performance notes: TIFF strips are read by seeking, so bands cost what they contain (except inside one huge
 * compressed strip, which is re-inflated from its start). PNG is a single compressed stream, so a band starting at row
 * y re-inflates rows 0..y; reading a large PNG band by band is quadratic in the number of bands.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class ImageFile implements AutoCloseable {

    private final ImageLayout layout;
    private final ImageLimits limits;
    private final ImageInputStream input;
    private final ImageReader reader;

    private ImageFile(ImageLayout layout, ImageLimits limits, ImageInputStream input, ImageReader reader) {
        this.layout = layout;
        this.limits = limits;
        this.input = input;
        this.reader = reader;
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
        ImageReader reader = layout.info().format() == ImageFormat.TIFF
                // Named explicitly: the JDK ships its own TIFF reader too, and ImageIO's choice between them is
                // an accident of registration order.
                ? new TIFFImageReaderSpi().createReaderInstance()
                : pngReader();
        ImageInfo info = layout.info();
        long pageBytes = info.pixelsPerPlane() * layout.bandsPerPage() * info.sampleType().bytes();
        ImageInputStream input = new LengthReportingInput(file, pageBytes / TWELVEMONKEYS_MAX_EXPANSION + 1);
        reader.setInput(input, false, true);
        return new ImageFile(layout, limits, input, reader);
    }

    /** TwelveMonkeys' TIFF reader refuses pages larger than this multiple of the whole file's length. */
    private static final int TWELVEMONKEYS_MAX_EXPANSION = 512;

    /**
     * A file input that reports at least {@code minLength} as its length. TwelveMonkeys' decompression-bomb guard
     * refuses a page whose decoded size exceeds 512 x the file length; legitimate images exceed that (an empty
     * annotation or a dark 16-bit frame deflates better than 1000:1). {@link ImageLimits} already bounded the size,
     * and {@link TiffStructure} checked all offsets against the real length, so the guard is redundant here. The
     * length is used for nothing else by the reader.
     */
    private static final class LengthReportingInput extends FileImageInputStream {
        private final long reportedLength;

        LengthReportingInput(Path file, long minLength) throws IOException {
            super(file.toFile());
            this.reportedLength = Math.max(super.length(), minLength);
        }

        @Override
        public long length() {
            return reportedLength;
        }
    }

    private static ImageReader pngReader() throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
        if (!readers.hasNext()) {
            throw new IOException("no PNG decoder available in this JVM");
        }
        return readers.next();
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
        int page = layout.pageOf(channel, frame);
        int band = layout.bandOf(channel);
        int step = bandRows();
        float[] buffer = null;
        for (int y = y0; y < y0 + rows; y += step) {
            int n = Math.min(step, y0 + rows - y);
            Raster r = readPageRows(page, y, n);
            if (step >= rows) {
                r.getSamples(r.getMinX(), r.getMinY(), width, n, band, out); // one band: no copy
                break;
            }
            if (buffer == null || buffer.length != width * n) {
                buffer = new float[width * n];
            }
            r.getSamples(r.getMinX(), r.getMinY(), width, n, band, buffer);
            System.arraycopy(buffer, 0, out, (y - y0) * width, width * n);
        }
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
        int height = info().height();
        int[] out = new int[Math.multiplyExact(width, height)];
        int page = layout.pageOf(channel, frame);
        int band = layout.bandOf(channel);
        int[] rowBuffer = null;
        int step = bandRows();
        for (int y = 0; y < height; y += step) {
            int n = Math.min(step, height - y);
            Raster r = readPageRows(page, y, n);
            if (rowBuffer == null || rowBuffer.length != width * n) {
                rowBuffer = new int[width * n];
            }
            r.getSamples(r.getMinX(), r.getMinY(), width, n, band, rowBuffer);
            System.arraycopy(rowBuffer, 0, out, y * width, width * n);
        }
        return out;
    }

    /**
     * One plane reduced by {@code factor} in both directions with block means ({@link BlockMeans}): each output pixel
     * is the mean of the finite samples in its {@code factor x factor} block (blocks at the right and bottom edges may
     * be smaller; a block without finite samples is NaN). Output size is
     * {@code ceil(width / factor) x ceil(height / factor)}.
     *
     * <p>Binning is done here rather than with ImageIO source subsampling because TwelveMonkeys 3.15.0 returns wrong
     * samples for 16-bit and fails for 32-bit float TIFFs when subsampling (verified; region reads are correct).
     * Block means also avoid the aliasing of plain decimation. Heap: one band of rows plus the output.
     */
    public FloatPlane readBinned(int channel, int frame, int factor) throws ImageRejectedException {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be >= 1, got " + factor);
        }
        int width = info().width();
        int height = info().height();
        BlockMeans bins = new BlockMeans(width, height, factor);
        int page = layout.pageOf(channel, frame);
        int[] band = {layout.bandOf(channel)};
        int step = bandRows();
        float[] row = new float[width];
        for (int y = 0; y < height; y += step) {
            int n = Math.min(step, height - y);
            deliver(readPageRows(page, y, n), page, band, y, n, (c, f, yy, samples) -> bins.add(samples), row);
        }
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
     * wants to it while their band is in memory; any damage surfaces as a rejection (possibly after some rows were
     * delivered: the sink's result is meaningful only if this returns normally).
     *
     * <p>TIFF pages are decoded band by band ({@link ImageLimits#decodeBudgetBytes()}). A PNG is decoded in one pass
     * with source subsampling that keeps the decoded raster within the budget (the decoder must inflate and unfilter
     * every row anyway, so subsampling only shrinks the destination); if the PNG fits the budget unsubsampled, the
     * wanted rows come from that same pass. A larger PNG whose rows are wanted is decoded a second time, band by band,
     * because the PNG decoder cannot resume a compressed stream where the previous band ended.
     *
     * <p>Heap: one band, plus one row of floats, plus whatever the sink keeps.
     */
    public void decodeAll(RowSink sink) throws ImageRejectedException {
        Objects.requireNonNull(sink, "sink");
        ImageInfo info = info();
        float[] row = new float[info.width()];
        if (info.format() == ImageFormat.PNG) {
            long rowBytes = (long) info.width() * layout.bandsPerPage() * info.sampleType().bytes();
            long bytes = rowBytes * info.height();
            int factor = 1;
            while (bytes / ((long) factor * factor) > limits.decodeBudgetBytes()) {
                factor++;
            }
            int[] wanted = wantedBands(0, sink);
            if (!decodeWholePng(factor, wanted, sink, row)) {
                decodePage(0, wanted, sink, row);
            }
            return;
        }
        for (int page = 0; page < layout.pages(); page++) {
            decodePage(page, wantedBands(page, sink), sink, row);
        }
    }

    /** Decodes every pixel of every page once and discards it; any damage surfaces as a rejection. */
    void decodeAll() throws ImageRejectedException {
        decodeAll(RowSink.NONE);
    }

    /**
     * Decodes a PNG in one pass, subsampled by {@code factor}; at factor 1 also delivers the wanted rows.
     *
     * @return whether the wanted rows were delivered (none wanted, or factor 1)
     */
    private boolean decodeWholePng(int factor, int[] wanted, RowSink sink, float[] row)
            throws ImageRejectedException {
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(factor, factor, 0, 0);
        String where = "the whole image";
        Raster whole = decode(0, param, where);
        if (wanted.length == 0) {
            return true;
        }
        if (factor > 1) {
            return false;
        }
        checkShape(whole, info().height(), where);
        deliver(whole, 0, wanted, 0, info().height(), sink, row);
        return true;
    }

    private void decodePage(int page, int[] wanted, RowSink sink, float[] row) throws ImageRejectedException {
        int height = info().height();
        int step = bandRows();
        for (int y = 0; y < height; y += step) {
            int n = Math.min(step, height - y);
            deliver(readPageRows(page, y, n), page, wanted, y, n, sink, row);
        }
    }

    /** The raster bands of {@code page} whose planes {@code sink} wants. */
    private int[] wantedBands(int page, RowSink sink) {
        return IntStream.range(0, layout.channelsPerPage())
                .filter(b -> sink.wants(layout.channelOf(page, b), layout.frameOf(page)))
                .toArray();
    }

    /** Hands rows {@code y0 .. y0 + rows - 1} of the given bands of a decoded band of {@code page} to the sink. */
    private void deliver(Raster raster, int page, int[] bands, int y0, int rows, RowSink sink, float[] row) {
        int width = info().width();
        int frame = layout.frameOf(page);
        for (int dy = 0; dy < rows; dy++) {
            for (int band : bands) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + dy, width, 1, band, row);
                sink.row(layout.channelOf(page, band), frame, y0 + dy, row);
            }
        }
    }

    /** Rows per decoded band so that one band of one page (and its copy, see {@link #decode}) fits the budget. */
    int bandRows() {
        long rowBytes = (long) info().width() * layout.bandsPerPage() * info().sampleType().bytes() * copies();
        return (int) Math.max(1, Math.min(info().height(), limits.decodeBudgetBytes() / rowBytes));
    }

    /** All bands of rows {@code y0 .. y0 + rows - 1} of one page. */
    Raster readPageRows(int page, int y0, int rows) throws ImageRejectedException {
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceRegion(new Rectangle(0, y0, info().width(), rows));
        String where = (layout.pages() > 1 ? "page " + (page + 1) + ", " : "") + "rows " + y0 + "-" + (y0 + rows - 1);
        Raster raster = decode(page, param, where);
        checkShape(raster, rows, where);
        return raster;
    }

    private void checkShape(Raster raster, int rows, String where) throws ImageRejectedException {
        if (raster.getWidth() != info().width() || raster.getHeight() != rows
                || raster.getNumBands() < layout.bandsPerPage()) {
            throw DecodeFailures.translate(new IllegalStateException("decoder returned " + raster.getWidth() + " x "
                    + raster.getHeight() + " x " + raster.getNumBands()), info().format(), where);
        }
    }

    /**
     * How many band-sized buffers one decode holds: TwelveMonkeys' read() clamps float samples to [0, 1], so floats
     * go through readRaster(), which returns a copy of the decoded image (two buffers at once).
     */
    private int copies() {
        return info().format() == ImageFormat.TIFF && !info().sampleType().isInteger() ? 2 : 1;
    }

    private Raster decode(int page, ImageReadParam param, String where) throws ImageRejectedException {
        int index = layout.readerIndices()[page];
        try {
            return copies() == 2
                    ? reader.readRaster(index, param)
                    // Integer grayscale/RGB samples come back unchanged from read(), without readRaster's copy.
                    : reader.read(index, param).getRaster();
        } catch (IOException | RuntimeException e) {
            throw DecodeFailures.translate(e, info().format(), where);
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
        reader.dispose();
        input.close();
    }

    @Override
    public String toString() {
        return "ImageFile" + Objects.toString(layout.info());
    }
}
