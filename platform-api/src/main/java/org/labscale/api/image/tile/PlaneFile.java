package org.labscale.api.image.tile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One level of one plane on disk: raw little-endian 32-bit floats, row after row. Rows and regions are read and
 * written by position, so a plane of any size costs the heap one row at a time.
 */
final class PlaneFile implements AutoCloseable {

    private final FileChannel channel;
    private final int width;
    private final int height;
    private final ByteBuffer buffer;

    private PlaneFile(FileChannel channel, int width, int height) {
        this.channel = channel;
        this.width = width;
        this.height = height;
        this.buffer = ByteBuffer.allocate(width * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A new, empty plane file (replacing any old one). */
    static PlaneFile create(Path file, int width, int height) throws IOException {
        return new PlaneFile(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE), width, height);
    }

    /** An existing plane file, read-only. */
    static PlaneFile open(Path file, int width, int height) throws IOException {
        return new PlaneFile(FileChannel.open(file, StandardOpenOption.READ), width, height);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Writes the first {@code width} values of {@code row} as row {@code y}. */
    void writeRow(int y, float[] row) throws IOException {
        buffer.clear();
        buffer.asFloatBuffer().put(row, 0, width);
        buffer.limit(width * Float.BYTES);
        long position = (long) y * width * Float.BYTES;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }

    /** Reads row {@code y} into the first {@code width} values of {@code into}. */
    void readRow(int y, float[] into) throws IOException {
        read(0, y, width, into, 0);
    }

    /**
     * Reads the region ({@code x0}, {@code y0}, {@code w} x {@code h}) into {@code into}, row-major with stride
     * {@code w}.
     */
    void readRegion(int x0, int y0, int w, int h, float[] into) throws IOException {
        for (int r = 0; r < h; r++) {
            read(x0, y0 + r, w, into, r * w);
        }
    }

    private void read(int x0, int y, int n, float[] into, int offset) throws IOException {
        buffer.clear();
        buffer.limit(n * Float.BYTES);
        long position = ((long) y * width + x0) * Float.BYTES;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new IOException("plane file ends before row " + y + " (" + width + " x " + height + ")");
            }
            position += read;
        }
        buffer.flip();
        buffer.asFloatBuffer().get(into, offset, n);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
