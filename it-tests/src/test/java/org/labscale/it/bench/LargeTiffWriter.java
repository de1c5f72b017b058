package org.labscale.it.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.labscale.it.support.TiffHeader;

/**
 * Writes an uncompressed 16-bit grey TIFF of any size (up to classic TIFF's 4 GiB) straight to disk, row by row, so
 * a benchmark can make a 1 GiB file without holding it in memory. The pixels look like a nuclear stain: a smooth
 * background with bright discs.
 */
final class LargeTiffWriter {

    private LargeTiffWriter() {
    }

    static void write(Path file, int width, int height) throws IOException {
        write(file, width, height, 0);
    }

    /** As {@link #write(Path, int, int)}, the background shifted by {@code seed} so that files differ in content. */
    static void write(Path file, int width, int height, int seed) throws IOException {
        if (TiffHeader.dataBytes(width, height, 16) > 0xFFFF_0000L) {
            throw new IllegalArgumentException("classic TIFF holds at most 4 GiB");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(TiffHeader.build(width, height, 16, 1, 16));
            byte[] row = new byte[width * 2];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int dx = x % 40 - 20;
                    int dy = y % 40 - 20;
                    boolean nucleus = ((x / 40) + (y / 40)) % 3 == 0 && dx * dx + dy * dy < 200;
                    int v = 1000 + (x + y + seed) % 500 + (nucleus ? 30000 : 0);
                    row[2 * x] = (byte) v;
                    row[2 * x + 1] = (byte) (v >>> 8);
                }
                out.write(row);
            }
        }
    }
}
