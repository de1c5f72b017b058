package org.labscale.imaging.io;

import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.RejectionCode;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

import static org.labscale.imaging.io.FileBytes.n;

/**
 * Streaming decoder for the TIFF pages {@link TiffStructure} accepted: strips or tiles, uncompressed, LZW or Deflate,
 * with or without a predictor, chunky or planar, 8/16-bit integer or 32-bit float samples, either byte order.
 *
 * <p>Each strip or tile is decompressed once, as a stream, while its rows are consumed: one row of strips is one open
 * stream, one row of tiles is one open stream per tile column (at most {@value TiffStructure#MAX_TILES_ACROSS}), so
 * the heap holds a row and the decompressors' state however tall a strip is. A single strip holding a whole gigapixel
 * page is decoded once, not once per band of rows. The decoder keeps its position between requests; a request that
 * starts before it, or in another chunk row, reopens the chunk row holding its first row (never more than one chunk
 * row of wasted work).
 *
 * <p>Predictors: 2 (horizontal differencing of integer samples) and 3 (floating point: byte planes, most significant
 * first, differenced bytewise), undone per chunk row as libtiff does. Reference: TIFF Revision 6.0 (Adobe, 1992),
 * section 14; Adobe Photoshop TIFF Technical Note 3 (1995) for predictor 3.
 */
final class TiffDecoder implements PixelDecoder {

    private static final int STRIP_BUFFER = 64 * 1024;
    private static final int TILE_BUFFER = 8 * 1024;

    private final FileChannel channel;
    private final FileBytes bytes;
    private final List<TiffPage> pages;
    private final DecodeWork work;
    private final float[] samples;
    private int page = -1;
    private int plane = -1;
    private int nextRow;
    private int chunkRowEnd;
    private InputStream[] streams = new InputStream[0];
    private byte[] row = new byte[0];
    private byte[] segment = new byte[0];
    private byte[] scratch = new byte[0];

    TiffDecoder(Path file, ByteOrder order, List<TiffPage> pages, DecodeWork work) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.bytes = new FileBytes(channel);
        bytes.order(order);
        this.pages = List.copyOf(pages);
        this.work = work;
        this.samples = new float[pages.get(0).width()];
    }

    @Override
    public void rows(int pageIndex, int[] bands, int y0, int y1, RowConsumer out)
            throws IOException, ImageRejectedException {
        TiffPage p = pages.get(pageIndex);
        if (p.planar()) {
            for (int band : bands) {
                pass(pageIndex, band, y0, y1, out, new int[]{band});
            }
        } else {
            pass(pageIndex, 0, y0, y1, out, bands);
        }
    }

    @Override
    public void wholePage(int pageIndex, int[] bands, RowConsumer out) throws IOException, ImageRejectedException {
        TiffPage p = pages.get(pageIndex);
        if (!p.planar()) {
            pass(pageIndex, 0, 0, p.height(), out, bands);
            return;
        }
        for (int s = 0; s < p.samples(); s++) {
            boolean wanted = false;
            for (int band : bands) {
                wanted |= band == s;
            }
            pass(pageIndex, s, 0, p.height(), wanted ? out : null, new int[]{s});
        }
    }

    /** Rows {@code y0 .. y1 - 1} of one sample plane (planar) or of all samples (chunky, plane 0). */
    private void pass(int pageIndex, int planeIndex, int y0, int y1, RowConsumer out, int[] bands)
            throws IOException, ImageRejectedException {
        TiffPage p = pages.get(pageIndex);
        if (y0 < 0 || y1 > p.height() || y0 > y1) {
            throw new IndexOutOfBoundsException("rows " + y0 + ".." + y1 + " of " + p.height());
        }
        boolean sameChunkRow = pageIndex == page && planeIndex == plane && nextRow <= y0 && y0 < chunkRowEnd;
        if (!sameChunkRow && y0 < y1) {
            openChunkRow(pageIndex, planeIndex, y0 - y0 % p.chunkHeight());
        }
        for (int y = nextRow; y < y1; y++) {
            if (y == chunkRowEnd) {
                openChunkRow(pageIndex, planeIndex, y);
            }
            readRow(p, y);
            if (out != null && y >= y0) {
                for (int band : bands) {
                    deliver(p, band, y, out);
                }
            }
        }
    }

    private void openChunkRow(int pageIndex, int planeIndex, int y0) throws IOException, ImageRejectedException {
        closeStreams();
        TiffPage p = pages.get(pageIndex);
        page = pageIndex;
        plane = planeIndex;
        nextRow = y0;
        chunkRowEnd = Math.min(p.height(), y0 + p.chunkHeight());
        int sampleBytes = p.bits() / 8;
        int rowBytes = p.width() * p.samplesPerChunkPixel() * sampleBytes;
        int segmentBytes = p.chunkWidth() * p.samplesPerChunkPixel() * sampleBytes;
        if (row.length != rowBytes) {
            row = new byte[rowBytes];
        }
        if (segment.length != segmentBytes) {
            segment = new byte[segmentBytes];
            scratch = new byte[p.predictor() == 3 ? segmentBytes : 0];
        }
        int across = p.chunksAcross();
        // Rows actually stored in this chunk: tiles are padded to full size, the last strip is not.
        long chunkRows = p.tiled() ? p.chunkHeight() : chunkRowEnd - y0;
        streams = new InputStream[across];
        for (int c = 0; c < across; c++) {
            long index = p.chunkIndex(planeIndex, y0, c);
            long offset = p.offsets().get(bytes, index);
            long length = p.byteCounts() != null ? p.byteCounts().get(bytes, index) : chunkRows * segmentBytes;
            InputStream range = new FileRange(channel, offset, Math.min(length, Math.max(0, bytes.size() - offset)),
                    across == 1 ? STRIP_BUFFER : TILE_BUFFER);
            streams[c] = switch (p.compression()) {
                case 5 -> new LzwInputStream(range);
                case 8, 32946 -> new InflaterInputStream(range);
                default -> range;
            };
        }
    }

    private void readRow(TiffPage p, int y) throws IOException, ImageRejectedException {
        work.check(where(y));
        int across = streams.length;
        for (int c = 0; c < across; c++) {
            try {
                readFully(streams[c], segment);
            } catch (EOFException e) {
                throw new ImageRejectedException(RejectionCode.TRUNCATED, "The TIFF file ends in the middle of its"
                        + " pixel data (" + where(y) + "); it was probably cut off during upload.", e);
            } catch (ZipException e) {
                throw new ImageRejectedException(RejectionCode.CORRUPT, "The TIFF pixel data cannot be decoded ("
                        + where(y) + ": " + e.getMessage() + "); the file is damaged.", e);
            }
            unpredict(p, segment);
            int at = c * segment.length;
            System.arraycopy(segment, 0, row, at, Math.min(segment.length, row.length - at));
        }
        work.decoded((long) across * segment.length);
        nextRow = y + 1;
    }

    private String where(int y) {
        return (pages.size() > 1 ? "page " + (page + 1) + ", " : "") + "row " + n(y);
    }

    private static void readFully(InputStream in, byte[] into) throws IOException {
        int done = 0;
        while (done < into.length) {
            int n = in.read(into, done, into.length - done);
            if (n < 0) {
                throw new EOFException("the strip or tile holds fewer rows than the page needs");
            }
            done += n;
        }
    }

    /** Undoes the page's predictor on one chunk's row. */
    private void unpredict(TiffPage p, byte[] s) {
        int stride = p.samplesPerChunkPixel();
        switch (p.predictor()) {
            case 2 -> {
                ByteBuffer b = ByteBuffer.wrap(s).order(bytes.order());
                switch (p.bits()) {
                    case 8 -> {
                        for (int i = stride; i < s.length; i++) {
                            s[i] += s[i - stride];
                        }
                    }
                    case 16 -> {
                        for (int i = stride; i < s.length / 2; i++) {
                            b.putShort(2 * i, (short) (b.getShort(2 * i) + b.getShort(2 * (i - stride))));
                        }
                    }
                    default -> {
                        for (int i = stride; i < s.length / 4; i++) {
                            b.putInt(4 * i, b.getInt(4 * i) + b.getInt(4 * (i - stride)));
                        }
                    }
                }
            }
            case 3 -> {
                for (int i = stride; i < s.length; i++) {
                    s[i] += s[i - stride];
                }
                System.arraycopy(s, 0, scratch, 0, s.length);
                int count = s.length / 4;
                ByteBuffer b = ByteBuffer.wrap(s).order(bytes.order());
                for (int i = 0; i < count; i++) {
                    b.putInt(4 * i, (scratch[i] & 0xFF) << 24 | (scratch[count + i] & 0xFF) << 16
                            | (scratch[2 * count + i] & 0xFF) << 8 | (scratch[3 * count + i] & 0xFF));
                }
            }
            default -> { }
        }
    }

    private void deliver(TiffPage p, int band, int y, RowConsumer out) {
        int stride = p.samplesPerChunkPixel();
        int first = p.planar() ? 0 : band;
        int width = p.width();
        ByteBuffer b = ByteBuffer.wrap(row).order(bytes.order());
        switch (p.bits()) {
            case 8 -> {
                for (int x = 0, i = first; x < width; x++, i += stride) {
                    samples[x] = row[i] & 0xFF;
                }
            }
            case 16 -> {
                for (int x = 0, i = 2 * first; x < width; x++, i += 2 * stride) {
                    samples[x] = b.getShort(i) & 0xFFFF;
                }
            }
            default -> {
                for (int x = 0, i = 4 * first; x < width; x++, i += 4 * stride) {
                    samples[x] = b.getFloat(i);
                }
            }
        }
        out.row(band, y, samples);
    }

    private void closeStreams() throws IOException {
        for (InputStream s : streams) {
            s.close();
        }
        streams = new InputStream[0];
    }

    @Override
    public void close() throws IOException {
        try {
            closeStreams();
        } finally {
            channel.close();
        }
    }
}
