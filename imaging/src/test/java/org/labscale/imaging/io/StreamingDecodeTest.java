package org.labscale.imaging.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.TestCodecs;

import javax.imageio.ImageIO;
import java.awt.image.Raster;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Decoding is one streaming pass: the bytes the decompressors produce ({@link ImageFile#decodedBytes()}) equal the
 * image's pixel data exactly once, however the rows are requested. The decoders this replaced re-inflated a PNG from
 * row 0 for every 8 MiB band (a 32,768 px square zero PNG cost 128 bands x on average half the image: 64 GiB of
 * inflation for 1 GiB of pixels, 866 s), and re-decoded a single compressed TIFF strip from its start per band. No
 * timing: the counts prove it. The gigapixel PNG itself is validated in a small heap by {@link BoundedMemoryTest}.
 */
class StreamingDecodeTest {

    @TempDir
    Path dir;

    @Test
    void shouldInflateAPngOnceWhenItsRowsAreReadBandByBand() throws Exception {
        int w = 1_000;
        int h = 1_200;
        Path file = TestCodecs.png(dir.resolve("bands.png"), w, h, 16, 2,
                (y, row) -> fill(row, y * 31L), y -> y % 5);
        Raster reference = ImageIO.read(file.toFile()).getRaster();
        try (ImageFile image = ImageFile.open(file, PageMode.CHANNELS)) {
            for (int y0 = 0; y0 < h; y0 += 100) {
                FloatPlane band = image.readRows(1, 0, y0, 100);
                assertArrayEquals(reference.getSamples(0, y0, w, 100, 1, (float[]) null), band.pixels(), 0f);
            }
            long onePass = (long) h * (w * 6 + 1);
            assertEquals(onePass, image.decodedBytes(), "12 bands, one inflation; quadratic would be 6.5 passes");
            image.readRows(0, 0, 0, 1); // going back restarts the stream: documented, and counted
            assertEquals(onePass + w * 6 + 1, image.decodedBytes());
        }
    }

    @Test
    void shouldDecodeASingleLzwStripOnceWhenItsRowsAreReadBandByBand() throws Exception {
        int w = 1_500;
        int h = 1_000;
        Path file = TestCodecs.singleStripTiff(dir.resolve("strip.tif"), w, h, 8, 5, 1, (y, row) -> fill(row, y));
        Raster reference = ImageIO.read(file.toFile()).getRaster();
        try (ImageFile image = ImageFile.open(file, PageMode.FRAMES)) {
            for (int y0 = 0; y0 < h; y0 += 100) {
                FloatPlane band = image.readRows(0, 0, y0, 100);
                assertArrayEquals(reference.getSamples(0, y0, w, 100, 0, (float[]) null), band.pixels(), 0f);
            }
            assertEquals((long) w * h, image.decodedBytes(), "10 bands of one strip, decoded once");
        }
    }

    @Test
    void shouldValidateAndRenderWithOneDecodingOfEveryTiffPage() throws Exception {
        int w = 700;
        Path file = TestCodecs.singleStripTiff(dir.resolve("deflate.tif"), w, w, 16, 8, 2,
                (y, row) -> fill(row, 7L * y));
        try (ImageFile image = ImageFile.open(file, PageMode.FRAMES,
                ImageLimits.DEFAULTS.withDecodeBudgetBytes(64 * 1024))) {
            image.decodeAll();
            image.readBinned(0, 0, 4);
            ImageInfo info = image.info();
            assertEquals(2L * 2 * w * w, image.decodedBytes(), "validation, then one pass for the binned plane");
            assertEquals(16, info.bitsPerSample());
        }
    }

    /** Pseudo-random bytes that still compress a little (runs of equal values). */
    static void fill(byte[] row, long seed) {
        long s = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < row.length; i++) {
            if (i % 3 == 0) {
                s = s * 6364136223846793005L + 1442695040888963407L;
            }
            row[i] = (byte) (s >>> 56);
        }
    }
}
