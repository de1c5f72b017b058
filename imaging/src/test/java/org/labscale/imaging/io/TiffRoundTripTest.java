package org.labscale.imaging.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.SampleType;
import org.labscale.imaging.TestImages;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * TIFFs written by the JDK's TIFF writer (independent of the TwelveMonkeys reader) read back exactly, for every bit
 * depth x compression x page mode.
 */
class TiffRoundTripTest {

    private static final int W = 37;
    private static final int H = 23;
    private static final int PAGES = 3;

    @TempDir
    Path dir;

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (SampleType type : SampleType.values()) {
            for (String compression : new String[]{null, "LZW", "Deflate", "ZLib"}) {
                for (PageMode mode : PageMode.values()) {
                    out.add(Arguments.of(type, compression, mode));
                }
            }
        }
        return out.stream();
    }

    /** Distinct value per (page, band, x, y) that fits every sample type; float adds a fraction. */
    static double value(SampleType type, int page, int band, int x, int y) {
        double v = (page * 3 + band) * 20 + (x * 7 + y * 3) % 20; // <= 179, fits 8 bits
        return switch (type) {
            case UINT8 -> v;
            case UINT16 -> v * 100 + 7;
            case FLOAT32 -> v / 8.0 - 3.25;
        };
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("matrix")
    void shouldReadBackEveryPlaneExactly(SampleType type, String compression, PageMode mode) throws Exception {
        List<BufferedImage> pages = new ArrayList<>();
        for (int p = 0; p < PAGES; p++) {
            int page = p;
            pages.add(TestImages.image(W, H, 1, TestImages.dataType(type),
                    (x, y, b) -> value(type, page, b, x, y)));
        }
        Path file = TestImages.tiff(dir.resolve("t.tif"), compression, pages);

        ImageInfo info = new ImageValidator().validate(file, mode);
        String expectedCompression = compression == null ? "none"
                : compression.equals("ZLib") ? "Adobe Deflate" : compression;
        int channels = mode == PageMode.CHANNELS ? PAGES : 1;
        int frames = mode == PageMode.FRAMES ? PAGES : 1;
        assertEquals(new ImageInfo(ImageFormat.TIFF, W, H, channels, frames, type.bits(), type, expectedCompression),
                info);

        try (ImageFile image = ImageFile.open(file, mode)) {
            for (int p = 0; p < PAGES; p++) {
                int c = mode == PageMode.CHANNELS ? p : 0;
                int t = mode == PageMode.FRAMES ? p : 0;
                FloatPlane plane = image.readPlane(c, t);
                assertArrayEquals(expected(type, p, 0, 0, H), plane.pixels(), 0f, "page " + p);
                assertArrayEquals(expected(type, p, 0, 5, 9), image.readRows(c, t, 5, 9).pixels(), 0f);
                if (type.isInteger()) {
                    int[] ints = image.readPlaneAsInts(c, t);
                    assertEquals((int) value(type, p, 0, W - 1, H - 1), ints[W * H - 1]);
                }
            }
        }
    }

    @Test
    void shouldReadRgbPagesAsChannels() throws Exception {
        BufferedImage rgb = TestImages.image(W, H, 3, DataBuffer.TYPE_USHORT,
                (x, y, b) -> value(SampleType.UINT16, 0, b, x, y));
        Path file = TestImages.tiff(dir.resolve("rgb.tif"), "LZW", List.of(rgb, rgb));

        ImageInfo asFrames = new ImageValidator().validate(file, PageMode.FRAMES);
        assertEquals(3, asFrames.channels());
        assertEquals(2, asFrames.frames());
        ImageInfo asChannels = new ImageValidator().validate(file, PageMode.CHANNELS);
        assertEquals(6, asChannels.channels());
        assertEquals(1, asChannels.frames());

        try (ImageFile image = ImageFile.open(file, PageMode.CHANNELS)) {
            for (int c = 0; c < 6; c++) {
                assertArrayEquals(expected(SampleType.UINT16, 0, c % 3, 0, H), image.readPlane(c, 0).pixels(), 0f);
            }
        }
    }

    @Test
    void shouldReadInSmallBandsWhenBudgetIsSmall() throws Exception {
        // 300 x 300 16-bit = 600 bytes per row, in 8-row Deflate strips: reads of runs of rows span strips.
        int w = 300;
        BufferedImage img = TestImages.image(w, w, 1, DataBuffer.TYPE_USHORT, (x, y, b) -> x * 200 + y);
        Path file = TestImages.tiff(dir.resolve("band.tif"), "Deflate", List.of(img));
        ImageLimits small = ImageLimits.DEFAULTS.withDecodeBudgetBytes(64 * 1024);
        new ImageValidator(small).validate(file, PageMode.FRAMES);
        try (ImageFile image = ImageFile.open(file, PageMode.FRAMES, small)) {
            for (int y0 = 0; y0 < w; y0 += 109) {
                FloatPlane run = image.readRows(0, 0, y0, Math.min(109, w - y0));
                assertEquals(7 * 200 + y0, run.get(7, 0), 0f);
            }
            float[] all = image.readPlane(0, 0).pixels();
            for (int y = 0; y < w; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals(x * 200 + y, all[y * w + x], 0f, "x=" + x + " y=" + y);
                }
            }
            FloatPlane binned = image.readBinned(0, 0, 7);
            assertEquals(43, binned.width());
            assertEquals(43, binned.height());
            // Block (0,0) covers x, y in 0..6: mean of x*200+y = 3*200 + 3.
            assertEquals(603, binned.get(0, 0), 1e-3);
            // Last block covers x, y in 294..299 (6 pixels wide): mean 296.5*200 + 296.5.
            assertEquals(296.5 * 200 + 296.5, binned.get(42, 42), 1e-2);
        }
    }

    @Test
    void shouldAcceptBlankImageThatCompressesBetterThan512To1() throws Exception {
        // An empty annotation or a dark frame in one Deflate strip: 4 MB of zeros become ~4 KB. TwelveMonkeys alone
        // refuses this as a decompression bomb (its guard allows 512:1 of the file length).
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(new byte[2048 * 2048]);
        deflater.finish();
        byte[] buffer = new byte[1 << 16];
        int length = deflater.deflate(buffer);
        assertEquals(true, deflater.finished() && length * 512L < 2048 * 2048, "test needs a >512:1 ratio");
        Path file = org.labscale.imaging.MinimalTiff.write(dir.resolve("blank.tif"), null,
                org.labscale.imaging.MinimalTiff.gray(2048, 2048, 8, 1).tag(259, 8)
                        .strip(java.util.Arrays.copyOf(buffer, length)));
        assertEquals("Adobe Deflate", new ImageValidator().validate(file, PageMode.FRAMES).compression());
        try (ImageFile image = ImageFile.open(file, PageMode.FRAMES)) {
            assertEquals(0f, image.readRows(0, 0, 2047, 1).get(2047, 0));
        }
    }

    private static float[] expected(SampleType type, int page, int band, int y0, int rows) {
        float[] out = new float[W * rows];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < W; x++) {
                out[y * W + x] = (float) value(type, page, band, x, y0 + y);
            }
        }
        return out;
    }
}
