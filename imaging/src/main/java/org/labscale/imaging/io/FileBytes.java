package org.labscale.imaging.io;

import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.RejectionCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Locale;

/**
 * Positional, bounds-checked reads of small structures (headers, directories) from a file. Reading past the end of
 * the file is reported as {@link RejectionCode#TRUNCATED}, naming what was being read.
 */
final class FileBytes {

    private final FileChannel channel;
    private final long size;
    private ByteOrder order = ByteOrder.BIG_ENDIAN;

    FileBytes(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    long size() {
        return size;
    }

    void order(ByteOrder order) {
        this.order = order;
    }

    ByteOrder order() {
        return order;
    }

    /** Reads {@code length} bytes at {@code position}; {@code what} names the structure for the error message. */
    ByteBuffer read(long position, int length, String what) throws IOException, ImageRejectedException {
        if (position < 0 || position + length > size) {
            throw new ImageRejectedException(RejectionCode.TRUNCATED, String.format(Locale.ROOT,
                    "The file ends at byte %,d but %s lies at bytes %,d-%,d; it was probably cut off during upload.",
                    size, what, position, position + length));
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(order);
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new ImageRejectedException(RejectionCode.TRUNCATED,
                        "The file ended unexpectedly while reading " + what + ".");
            }
            at += n;
        }
        return buffer.flip();
    }

    /** Formats a count with thousands separators, for messages. */
    static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
