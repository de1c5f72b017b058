package org.labscale.it.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The header of a minimal little-endian grey TIFF whose uncompressed strips follow it directly. Lets tests craft
 * files a TIFF library refuses to write: absurd sizes, unsupported compressions and bit depths, cut-off data.
 */
public final class TiffHeader {

    private TiffHeader() {
    }

    /**
     * @param compression TIFF compression code (1 none, 5 LZW, 7 JPEG, 8 Deflate ...), written as declared
     * @return the header; the caller appends {@link #dataBytes} bytes of strips
     */
    public static byte[] build(int width, int height, int bitsPerSample, int compression, int rowsPerStrip) {
        int strips = (int) ((height + (long) rowsPerStrip - 1) / rowsPerStrip);
        int entries = 10;
        long offsetsAt = 8 + 2 + entries * 12L + 4;
        long countsAt = offsetsAt + 4L * strips;
        long dataAt = countsAt + 4L * strips;
        long stripBytes = (long) width * rowsPerStrip * bitsPerSample / 8;
        ByteBuffer head = ByteBuffer.allocate((int) dataAt).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        head.putShort((short) entries);
        tag(head, 256, 4, 1, width);
        tag(head, 257, 4, 1, height);
        tag(head, 258, 3, 1, bitsPerSample);
        tag(head, 259, 3, 1, compression);
        tag(head, 262, 3, 1, 1);
        tag(head, 273, 4, strips, offsetsAt);
        tag(head, 277, 3, 1, 1);
        tag(head, 278, 4, 1, rowsPerStrip);
        tag(head, 279, 4, strips, countsAt);
        tag(head, 284, 3, 1, 1);
        head.putInt(0);
        for (int s = 0; s < strips; s++) {
            head.putInt((int) (dataAt + s * stripBytes));
        }
        for (int s = 0; s < strips; s++) {
            long rows = Math.min(rowsPerStrip, height - (long) s * rowsPerStrip);
            head.putInt((int) (rows * width * bitsPerSample / 8));
        }
        return head.array();
    }

    /** Bytes of pixel data the header announces. */
    public static long dataBytes(int width, int height, int bitsPerSample) {
        return (long) width * height * bitsPerSample / 8;
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
