package org.labscale.imaging.io;

import org.labscale.imaging.ImageRejectedException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * How to decode one accepted TIFF page, as {@link TiffStructure} found it: the sample layout and where its strips or
 * tiles ("chunks") lie. Strips are chunks as wide as the page; the last strip holds only the rows that remain, while
 * tiles are always full size (padded at the right and bottom edges).
 *
 * @param width        pixels per row
 * @param height       rows
 * @param samples      samples per pixel
 * @param bits         bits per sample (8, 16 or 32)
 * @param floating     whether samples are IEEE floats
 * @param compression  TIFF compression code (1, 5, 8 or 32946)
 * @param predictor    1 none, 2 horizontal differencing, 3 floating-point
 * @param planar       whether each sample has its own chunks (PlanarConfiguration 2)
 * @param order        byte order of the file
 * @param tiled        whether chunks are tiles
 * @param chunkWidth   tile width, or {@code width} for strips
 * @param chunkHeight  tile length, or rows per strip
 * @param offsets      file offset of every chunk
 * @param byteCounts   compressed size of every chunk; null when the file omits it (uncompressed data only)
 */
record TiffPage(int width, int height, int samples, int bits, boolean floating, int compression, int predictor,
                boolean planar, ByteOrder order, boolean tiled, int chunkWidth, int chunkHeight,
                Values offsets, Values byteCounts) {

    /**
     * An array of unsigned integers stored in the file, read on demand (a page may have millions of chunks).
     *
     * @param start first byte
     * @param size  bytes per value: 1, 2, 4 or 8
     * @param count number of values
     */
    record Values(long start, int size, long count) {

        long get(FileBytes bytes, long index) throws IOException, ImageRejectedException {
            ByteBuffer b = bytes.read(start + index * size, size, "the strip or tile table");
            return switch (size) {
                case 1 -> b.get() & 0xFF;
                case 2 -> b.getShort() & 0xFFFF;
                case 4 -> b.getInt() & 0xFFFFFFFFL;
                default -> b.getLong();
            };
        }
    }

    /** Chunks across one row of chunks. */
    int chunksAcross() {
        return (width + chunkWidth - 1) / chunkWidth;
    }

    /** Chunks down one plane. */
    int chunksDown() {
        return (height + chunkHeight - 1) / chunkHeight;
    }

    /** Samples per pixel within one chunk: all of them (chunky) or one (planar). */
    int samplesPerChunkPixel() {
        return planar ? 1 : samples;
    }

    /** Index of the chunk holding row {@code y}, column of chunks {@code column}, of sample plane {@code plane}. */
    long chunkIndex(int plane, int y, int column) {
        long inPlane = (long) (y / chunkHeight) * chunksAcross() + column;
        return planar ? (long) plane * chunksAcross() * chunksDown() + inPlane : inPlane;
    }
}
