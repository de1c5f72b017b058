package org.labscale.it.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an uncompressed 16-bit grey TIFF of any size straight to disk, strip by strip, so a benchmark can make a
 * 1 GiB file without holding it in memory. The pixels are a smooth pattern with bright blobs, like a nuclear stain.
 */
final class LargeTiffWriter {

    private static final int ROWS_PER_STRIP = 16;

    private LargeTiffWriter() {
    }

    static void write(Path file, int width, int height) throws IOException {
        int strips = (height + ROWS_PER_STRIP - 1) / ROWS_PER_STRIP;
        int entries = 10;
        long ifdSize = 2 + entries * 12L + 4;
        long offsetsAt = 8 + ifdSize;
        long countsAt = offsetsAt + 4L * strips;
        long dataAt = countsAt + 4L * strips;
        long stripBytes = (long) width * ROWS_PER_STRIP * 2;
        if (dataAt + stripBytes * strips > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("classic TIFF holds at most 4 GiB");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer head = ByteBuffer.allocate((int) dataAt).order(ByteOrder.LITTLE_ENDIAN);
            head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
            head.putShort((short) entries);
            tag(head, 256, 4, 1, width);
            tag(head, 257, 4, 1, height);
            tag(head, 258, 3, 1, 16);
            tag(head, 259, 3, 1, 1);
            tag(head, 262, 3, 1, 1);
            tag(head, 273, 4, strips, offsetsAt);
            tag(head, 277, 3, 1, 1);
            tag(head, 278, 4, 1, ROWS_PER_STRIP);
            tag(head, 279, 4, strips, countsAt);
            tag(head, 284, 3, 1, 1);
            head.putInt(0);
            for (int s = 0; s < strips; s++) {
                head.putInt((int) (dataAt + s * stripBytes));
            }
            for (int s = 0; s < strips; s++) {
                int rows = Math.min(ROWS_PER_STRIP, height - s * ROWS_PER_STRIP);
                head.putInt((int) ((long) width * rows * 2));
            }
            out.write(head.array());
            byte[] row = new byte[width * 2];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int blob = ((x / 40) + (y / 40)) % 3 == 0 && (x % 40 - 20) * (x % 40 - 20) + (y % 40 - 20) * (y % 40 - 20) < 200
                            ? 30000 : 0;
                    int v = 1000 + (x + y) % 500 + blob;
                    row[2 * x] = (byte) v;
                    row[2 * x + 1] = (byte) (v >>> 8);
                }
                out.write(row);
            }
        }
    }

    private static void tag(ByteBuffer b, int tag, int type, long count, long value) {
        b.putShort((short) tag).putShort((short) type).putInt((int) count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt((int) value);
        }
    }
}
