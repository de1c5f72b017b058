package org.labscale.imaging.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Bytes {@code start .. start + length - 1} of a file as a buffered stream, read with positional reads so that several
 * ranges of one channel can be open at once (the tiles of one row of tiles).
 */
final class FileRange extends InputStream {

    private final FileChannel channel;
    private final ByteBuffer buffer;
    private long position;
    private long left;

    FileRange(FileChannel channel, long start, long length, int bufferSize) {
        this.channel = channel;
        this.position = start;
        this.left = length;
        this.buffer = ByteBuffer.allocate((int) Math.max(1, Math.min(bufferSize, length)));
        buffer.flip();
    }

    @Override
    public int read() throws IOException {
        if (!buffer.hasRemaining() && !fill()) {
            return -1;
        }
        return buffer.get() & 0xFF;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!buffer.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(out, off, n);
        return n;
    }

    private boolean fill() throws IOException {
        if (left == 0) {
            return false;
        }
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), left));
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                break;
            }
            position += n;
            left -= n;
        }
        if (buffer.position() == 0) {
            left = 0;
            return false;
        }
        buffer.flip();
        return true;
    }
}
