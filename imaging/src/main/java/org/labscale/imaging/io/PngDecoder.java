package org.labscale.imaging.io;

import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.RejectionCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.labscale.imaging.io.FileBytes.n;

/**
 * Streaming decoder for non-interlaced 8/16-bit PNGs (grey, grey + alpha, RGB, RGBA): the IDAT chunks are fed to one
 * {@link Inflater} as they are read, and each row is unfiltered against the previous one as soon as it is inflated,
 * so the heap holds two rows and a 64 KiB input buffer whatever the image size. Every IDAT chunk's CRC is checked.
 *
 * <p>A PNG is a single zlib stream, so rows can only be produced in order; this decoder remembers how far it got and
 * continues from there. Going back to an earlier row restarts from the first one (no caller does that in one pass).
 * Reference: PNG Specification, 3rd edition (W3C, 2025), sections 7.3 (filtering) and 10 (compression).
 */
final class PngDecoder implements PixelDecoder {

    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;

    private final FileChannel channel;
    private final int width;
    private final int height;
    private final int bytesPerSample;
    private final int pixelBytes;
    private final DecodeWork work;
    private final ByteBuffer input = ByteBuffer.allocate(64 * 1024);
    private final float[] samples;
    private final CRC32 crc = new CRC32();
    private Inflater inflater;
    private byte[] previous;
    private byte[] current;
    private long chunkPosition;
    private long idatLeft;
    private int expectedCrc;
    private int nextRow;

    /**
     * @param bands    samples per pixel in the stream (1 grey, 2 grey + alpha, 3 RGB, 4 RGBA)
     * @param bitDepth 8 or 16
     */
    PngDecoder(Path file, int width, int height, int bands, int bitDepth, DecodeWork work) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.width = width;
        this.height = height;
        this.bytesPerSample = bitDepth / 8;
        this.pixelBytes = bands * bytesPerSample;
        this.work = work;
        this.samples = new float[width];
        int rowBytes = Math.multiplyExact(width, pixelBytes) + 1;
        this.previous = new byte[rowBytes];
        this.current = new byte[rowBytes];
        restart();
    }

    @Override
    public void rows(int page, int[] wanted, int y0, int y1, RowConsumer out)
            throws IOException, ImageRejectedException {
        if (page != 0 || y0 < 0 || y1 > height || y0 > y1) {
            throw new IndexOutOfBoundsException("page " + page + ", rows " + y0 + ".." + y1);
        }
        if (y0 < nextRow) {
            restart();
        }
        while (nextRow < y1) {
            int y = nextRow;
            readRow(y);
            if (out != null && y >= y0) {
                for (int band : wanted) {
                    deliver(band, y, out);
                }
            }
        }
    }

    @Override
    public void wholePage(int page, int[] wanted, RowConsumer out) throws IOException, ImageRejectedException {
        rows(page, wanted, 0, height, out);
    }

    private void restart() {
        if (inflater != null) {
            inflater.end();
        }
        inflater = new Inflater();
        chunkPosition = 8; // after the signature
        idatLeft = 0;
        nextRow = 0;
        input.clear().flip();
        Arrays.fill(current, (byte) 0);
    }

    /** Inflates and unfilters row {@code y} into {@link #current}; the previous row moves to {@link #previous}. */
    private void readRow(int y) throws IOException, ImageRejectedException {
        work.check("row " + n(y));
        byte[] swap = previous;
        previous = current;
        current = swap;
        int filled = 0;
        try {
            while (filled < current.length) {
                int got = inflater.inflate(current, filled, current.length - filled);
                filled += got;
                if (got == 0) {
                    if (inflater.finished() || inflater.needsDictionary()) {
                        throw corrupt("its compressed data ends at row " + n(y) + " of " + n(height));
                    }
                    if (inflater.needsInput() && !feed()) {
                        throw new ImageRejectedException(RejectionCode.TRUNCATED, "The PNG file's image data"
                                + " ends at row " + n(y) + " of " + n(height) + "; it was probably cut off during"
                                + " upload.");
                    }
                }
            }
        } catch (DataFormatException e) {
            throw corrupt("its compressed data is invalid at row " + n(y) + " (" + e.getMessage() + ")");
        }
        work.decoded(current.length);
        unfilter(y);
        nextRow = y + 1;
    }

    /** Gives the inflater the next piece of IDAT data; false when the image data has ended. */
    private boolean feed() throws IOException, ImageRejectedException {
        while (idatLeft == 0) {
            ByteBuffer head = readFully(chunkPosition, 8);
            long length = head.getInt() & 0xFFFFFFFFL;
            int type = head.getInt();
            if (type == IEND) {
                return false;
            }
            if (type != IDAT) {
                chunkPosition += 12 + length; // ancillary chunk: skipped
                continue;
            }
            expectedCrc = readFully(chunkPosition + 8 + length, 4).getInt();
            crc.reset();
            crc.update(head.array(), 4, 4);
            chunkPosition += 8;
            idatLeft = length;
            if (length == 0) {
                checkCrc();
            }
        }
        input.clear();
        input.limit((int) Math.min(input.capacity(), idatLeft));
        while (input.hasRemaining()) {
            if (channel.read(input, chunkPosition + input.position()) < 0) {
                return false;
            }
        }
        input.flip();
        crc.update(input.array(), 0, input.limit());
        chunkPosition += input.limit();
        idatLeft -= input.limit();
        if (idatLeft == 0) {
            checkCrc();
        }
        inflater.setInput(input.array(), 0, input.limit());
        return true;
    }

    /** Checks the CRC of the image data chunk just read completely, and steps over it. */
    private void checkCrc() throws ImageRejectedException {
        if ((int) crc.getValue() != expectedCrc) {
            throw corrupt("the image data chunk ending at byte " + n(chunkPosition) + " fails its checksum");
        }
        chunkPosition += 4;
    }

    private ByteBuffer readFully(long position, int length) throws IOException, ImageRejectedException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new ImageRejectedException(RejectionCode.TRUNCATED, "The PNG file ends at byte "
                        + n(position + b.position()) + " in the middle of its image data; it was probably cut off"
                        + " during upload.");
            }
        }
        return b.flip();
    }

    /** Reverses the row's filter (PNG filter method 0: None, Sub, Up, Average, Paeth) against the previous row. */
    private void unfilter(int y) throws ImageRejectedException {
        byte[] c = current;
        byte[] p = previous;
        int bpp = pixelBytes;
        int length = c.length;
        switch (c[0]) {
            case 0 -> { }
            case 1 -> {
                for (int i = 1 + bpp; i < length; i++) {
                    c[i] += c[i - bpp];
                }
            }
            case 2 -> {
                for (int i = 1; i < length; i++) {
                    c[i] += p[i];
                }
            }
            case 3 -> {
                for (int i = 1; i < length; i++) {
                    int left = i > bpp ? c[i - bpp] & 0xFF : 0;
                    c[i] += (byte) ((left + (p[i] & 0xFF)) >>> 1);
                }
            }
            case 4 -> {
                for (int i = 1; i < length; i++) {
                    int a = i > bpp ? c[i - bpp] & 0xFF : 0;
                    int b = p[i] & 0xFF;
                    int cc = i > bpp ? p[i - bpp] & 0xFF : 0;
                    c[i] += (byte) paeth(a, b, cc);
                }
            }
            default -> throw corrupt("row " + n(y) + " uses unknown filter type " + (c[0] & 0xFF));
        }
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private void deliver(int band, int y, RowConsumer out) {
        byte[] c = current;
        int at = 1 + band * bytesPerSample;
        if (bytesPerSample == 1) {
            for (int x = 0; x < width; x++, at += pixelBytes) {
                samples[x] = c[at] & 0xFF;
            }
        } else {
            for (int x = 0; x < width; x++, at += pixelBytes) {
                samples[x] = ((c[at] & 0xFF) << 8) | (c[at + 1] & 0xFF);
            }
        }
        out.row(band, y, samples);
    }

    private static ImageRejectedException corrupt(String detail) {
        return new ImageRejectedException(RejectionCode.CORRUPT, "The " + ImageFormat.PNG + " pixel data cannot be"
                + " decoded: " + detail + "; the file is damaged.");
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        channel.close();
    }
}
