package org.labscale.imaging;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Test-side writers that stream any size to disk without holding the image: PNGs with a chosen filter type per row,
 * and single-strip TIFFs (uncompressed, LZW or Deflate, optionally with predictor 2), written from the specifications,
 * independently of the decoders under test. What they write is checked against the JDK's and TwelveMonkeys' readers.
 */
public final class TestCodecs {

    /** Fills the raw bytes of row {@code y} (samples interleaved, PNG: big-endian, TIFF: little-endian). */
    @FunctionalInterface
    public interface RowFiller {
        void fill(int y, byte[] row);
    }

    private TestCodecs() {
    }

    // ---- PNG ----

    /** Samples per pixel of a PNG colour type. */
    public static int pngBands(int colorType) {
        return switch (colorType) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> throw new IllegalArgumentException("colour type " + colorType);
        };
    }

    /**
     * Writes a non-interlaced PNG, filtering row y with filter type {@code filterOfRow(y)} (0 None .. 4 Paeth), the
     * zlib stream split into IDAT chunks of 32 KiB. Colour type 3 gets a grey 256-entry palette.
     */
    public static Path png(Path file, int width, int height, int bitDepth, int colorType, RowFiller raw,
                           IntUnaryOperator filterOfRow) throws IOException {
        int bpp = Math.max(1, pngBands(colorType) * bitDepth / 8);
        int rowBytes = (width * pngBands(colorType) * bitDepth + 7) / 8;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                    .put((byte) bitDepth).put((byte) colorType).put((byte) 0).put((byte) 0).put((byte) 0);
            chunk(out, "IHDR", ihdr.array(), 13);
            if (colorType == 3) {
                byte[] plte = new byte[768];
                for (int i = 0; i < 768; i++) {
                    plte[i] = (byte) (i / 3);
                }
                chunk(out, "PLTE", plte, plte.length);
            }
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
            try (DeflaterOutputStream z = new DeflaterOutputStream(new IdatChunks(out), deflater, 1 << 16)) {
                byte[] prior = new byte[rowBytes];
                byte[] row = new byte[rowBytes];
                byte[] filtered = new byte[rowBytes + 1];
                for (int y = 0; y < height; y++) {
                    Arrays.fill(row, (byte) 0);
                    raw.fill(y, row);
                    int type = filterOfRow.applyAsInt(y);
                    filtered[0] = (byte) type;
                    if (type == 0) {
                        System.arraycopy(row, 0, filtered, 1, rowBytes);
                    }
                    for (int i = 0; i < rowBytes && type != 0; i++) {
                        int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
                        int b = prior[i] & 0xFF;
                        int c = i >= bpp ? prior[i - bpp] & 0xFF : 0;
                        int predicted = switch (type) {
                            case 0 -> 0;
                            case 1 -> a;
                            case 2 -> b;
                            case 3 -> (a + b) >>> 1;
                            case 4 -> paeth(a, b, c);
                            default -> throw new IllegalArgumentException("filter " + type);
                        };
                        filtered[i + 1] = (byte) (row[i] - predicted);
                    }
                    z.write(filtered);
                    byte[] swap = prior;
                    prior = row;
                    row = swap;
                }
            } finally {
                deflater.end();
            }
            chunk(out, "IEND", new byte[0], 0);
        }
        return file;
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, length);
        out.write(ByteBuffer.allocate(8).putInt(length).put(t).array());
        out.write(data, 0, length);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Cuts the zlib stream into IDAT chunks; closing writes the last one but leaves the file open. */
    private static final class IdatChunks extends OutputStream {
        private final OutputStream out;
        private final byte[] buffer = new byte[32 * 1024];
        private int used;

        IdatChunks(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
                if (used == buffer.length) {
                    flushChunk();
                }
            }
        }

        private void flushChunk() throws IOException {
            if (used > 0) {
                chunk(out, "IDAT", buffer, used);
                used = 0;
            }
        }

        @Override
        public void close() throws IOException {
            flushChunk();
        }
    }

    // ---- TIFF ----

    /**
     * Writes a little-endian single-page grey TIFF whose pixel data is one strip: compression 1 (none), 5 (LZW) or 8
     * (Deflate), predictor 1 or 2 (horizontal differencing, applied to a copy of each row before compression).
     */
    public static Path singleStripTiff(Path file, int width, int height, int bits, int compression, int predictor,
                                       RowFiller raw) throws IOException {
        int bytesPerSample = bits / 8;
        int rowBytes = width * bytesPerSample;
        long stripBytes;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(0);
            f.write(new byte[]{'I', 'I', 42, 0, 0, 0, 0, 0}); // IFD offset patched below
            CountingStream counted = new CountingStream(new BufferedOutputStream(
                    new java.io.FileOutputStream(f.getFD()), 1 << 16));
            OutputStream strip = switch (compression) {
                case 1 -> counted;
                case 5 -> new LzwOutputStream(counted);
                case 8 -> new DeflaterOutputStream(counted, new Deflater(Deflater.DEFAULT_COMPRESSION), 1 << 16);
                default -> throw new IllegalArgumentException("compression " + compression);
            };
            byte[] row = new byte[rowBytes];
            for (int y = 0; y < height; y++) {
                Arrays.fill(row, (byte) 0);
                raw.fill(y, row);
                if (predictor == 2) {
                    difference(row, bytesPerSample);
                }
                strip.write(row);
            }
            if (strip instanceof DeflaterOutputStream d) {
                d.finish();
            } else if (strip instanceof LzwOutputStream l) {
                l.finish();
            }
            counted.flush();
            stripBytes = counted.count;
            long ifd = 8 + stripBytes + (stripBytes & 1);
            int[][] tags = {{256, width}, {257, height}, {258, bits}, {259, compression}, {262, 1}, {273, 8},
                    {277, 1}, {278, height}, {279, (int) stripBytes}, {284, 1}, {317, predictor}, {339, 1}};
            ByteBuffer dir = ByteBuffer.allocate(2 + 12 * tags.length + 4).order(ByteOrder.LITTLE_ENDIAN);
            dir.putShort((short) tags.length);
            for (int[] t : tags) {
                dir.putShort((short) t[0]).putShort((short) 4).putInt(1).putInt(t[1]);
            }
            dir.putInt(0);
            f.seek(ifd);
            f.write(dir.array());
            f.seek(4);
            f.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) ifd).array());
        }
        return file;
    }

    /** Horizontal differencing of little-endian samples, right to left (TIFF predictor 2). */
    private static void difference(byte[] row, int bytesPerSample) {
        ByteBuffer b = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = row.length / bytesPerSample - 1; i > 0; i--) {
            if (bytesPerSample == 1) {
                row[i] -= row[i - 1];
            } else {
                b.putShort(2 * i, (short) (b.getShort(2 * i) - b.getShort(2 * (i - 1))));
            }
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /**
     * TIFF LZW encoder (TIFF 6.0 section 13): codes of 9 to 12 bits, most significant bit first, the width growing one
     * code early as libtiff's encoder does, a Clear code first and whenever the table fills.
     */
    public static final class LzwOutputStream extends OutputStream {
        private static final int CLEAR = 256;
        private static final int END = 257;
        private final OutputStream out;
        private final int[] child = new int[4096 * 256];
        private int next;
        private int width;
        private int prefix = -1;
        private long bits;
        private int bitCount;

        public LzwOutputStream(OutputStream out) throws IOException {
            this.out = out;
            reset();
            emit(CLEAR);
        }

        private void reset() {
            Arrays.fill(child, -1);
            next = 258;
            width = 9;
        }

        @Override
        public void write(int b) throws IOException {
            b &= 0xFF;
            if (prefix < 0) {
                prefix = b;
                return;
            }
            int k = prefix * 256 + b;
            if (child[k] >= 0) {
                prefix = child[k];
                return;
            }
            emit(prefix);
            child[k] = next++;
            if (next == 4094) {
                emit(CLEAR);
                reset();
            } else if (next == (1 << width)) {
                width++;
            }
            prefix = b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        /** Writes the last code and the end code; the underlying stream stays open. */
        public void finish() throws IOException {
            if (prefix >= 0) {
                emit(prefix);
                next++;
                if (next == (1 << width) && width < 12) {
                    width++;
                }
            }
            emit(END);
            if (bitCount > 0) {
                out.write((int) (bits << (8 - bitCount)));
                bitCount = 0;
            }
            out.flush();
        }

        private void emit(int code) throws IOException {
            bits = (bits << width) | code;
            bitCount += width;
            while (bitCount >= 8) {
                out.write((int) (bits >>> (bitCount - 8)));
                bitCount -= 8;
            }
        }
    }

    /** Compressed size of {@code raw} as TIFF LZW, for tests of the encoder itself. */
    public static byte[] lzw(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LzwOutputStream lzw = new LzwOutputStream(bytes);
        lzw.write(raw);
        lzw.finish();
        return bytes.toByteArray();
    }
}
