package org.labscale.imaging.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Decodes one TIFF LZW strip or tile as a stream: variable-length codes of 9 to 12 bits, most significant bit first,
 * with the code width growing one code early, as every TIFF writer since libtiff does. Heap: a 4,096-entry table and
 * one decoded string. A code that is not yet in the table is reported as a {@link ZipException}, the JDK's
 * "compressed data is invalid" exception, as a damaged Deflate strip is. Reference: TIFF Revision 6.0 (Adobe, 1992), section 13.
 */
final class LzwInputStream extends InputStream {

    private static final int CLEAR = 256;
    private static final int END = 257;
    private static final int FIRST = 258;
    private static final int TABLE = 4096;

    private final InputStream in;
    private final short[] prefix = new short[TABLE];
    private final byte[] suffix = new byte[TABLE];
    private final byte[] string = new byte[TABLE];
    private int stringStart = TABLE;
    private int next = FIRST;
    private int width = 9;
    private int previous = -1;
    private int bitBuffer;
    private int bitCount;
    private boolean ended;

    LzwInputStream(InputStream in) {
        this.in = in;
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            prefix[i] = -1;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (stringStart == TABLE && !decodeNext()) {
                break;
            }
            int n = Math.min(len - done, TABLE - stringStart);
            System.arraycopy(string, stringStart, out, off + done, n);
            stringStart += n;
            done += n;
        }
        return done == 0 && len > 0 ? -1 : done;
    }

    /** Decodes the next code into {@link #string}; false at the end of the data. */
    private boolean decodeNext() throws IOException {
        while (!ended) {
            int code = readCode();
            if (code < 0 || code == END) {
                ended = true;
                return false;
            }
            if (code == CLEAR) {
                next = FIRST;
                width = 9;
                previous = -1;
                continue;
            }
            if (previous < 0) {
                if (code > 255) {
                    throw invalid(code);
                }
                emit(code);
            } else if (code < next) {
                emit(code);
                add(previous, string[stringStart]);
            } else if (code == next) {
                emit(previous);
                byte first = string[stringStart];
                add(previous, first);
                string[--stringStart] = 0; // room for the extra byte: shift the string one to the left
                System.arraycopy(string, stringStart + 1, string, stringStart, TABLE - stringStart - 1);
                string[TABLE - 1] = first;
            } else {
                throw invalid(code);
            }
            previous = code;
            return true;
        }
        return false;
    }

    /** Writes the string of {@code code} right-aligned into {@link #string}. */
    private void emit(int code) {
        int at = TABLE;
        for (int c = code; c >= 0; c = prefix[c]) {
            string[--at] = suffix[c];
        }
        stringStart = at;
    }

    private void add(int prefixCode, byte last) {
        if (next < TABLE) {
            prefix[next] = (short) prefixCode;
            suffix[next] = last;
            next++;
            if (next == (1 << width) - 1 && width < 12) {
                width++;
            }
        }
    }

    private int readCode() throws IOException {
        while (bitCount < width) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            bitBuffer = (bitBuffer << 8) | b;
            bitCount += 8;
        }
        int code = (bitBuffer >>> (bitCount - width)) & ((1 << width) - 1);
        bitCount -= width;
        return code;
    }

    private static ZipException invalid(int code) {
        return new ZipException("invalid LZW code " + code + " in a strip or tile");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
