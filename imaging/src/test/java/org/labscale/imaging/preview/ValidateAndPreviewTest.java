package org.labscale.imaging.preview;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.TestImages;
import org.labscale.imaging.io.ImageLimits;
import org.labscale.imaging.io.ImageValidator;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The single pass gives exactly what the separate calls give: {@link ImageValidator}'s info and, pixel for pixel,
 * {@link PreviewRenderer}'s preview and thumbnail, for every kind of image the platform accepts. Each case also runs
 * with the smallest decode budget, so decoded bands end in the middle of preview blocks and large PNGs take the
 * band-by-band path.
 */
class ValidateAndPreviewTest {

    @TempDir
    static Path dir;

    private static final ImageLimits TINY_BUDGET = ImageLimits.DEFAULTS.withDecodeBudgetBytes(64 * 1024);

    /** One accepted image: how to write it, how to read it and which frame to render. */
    private record Case(String name, PageMode mode, int frame, Writer writer) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    private interface Writer {
        Path write(Path file) throws IOException;
    }

    static Stream<Object[]> cases() {
        Random random = new Random(7);
        List<Case> cases = List.of(
                new Case("8-bit gray, uncompressed, odd size", PageMode.FRAMES, 0, f -> TestImages.tiff(f, null,
                        List.of(TestImages.image(1031, 517, 1, DataBuffer.TYPE_BYTE, (x, y, b) -> (x * y) % 251)))),
                new Case("16-bit gray, LZW, hot pixels", PageMode.FRAMES, 0, f -> TestImages.tiff(f, "LZW",
                        List.of(TestImages.image(1031, 1029, 1, DataBuffer.TYPE_USHORT, (x, y, b) ->
                                (x * 7 + y * 13) % 997 == 0 ? 65535 : 100 + (x ^ y) % 3001)))),
                new Case("32-bit float with NaN and infinity, Deflate", PageMode.FRAMES, 0, f -> TestImages.tiff(f,
                        "Deflate", List.of(TestImages.image(1111, 333, 1, DataBuffer.TYPE_FLOAT, (x, y, b) ->
                                x % 97 == 0 ? Double.NaN : y == 5 ? Double.POSITIVE_INFINITY
                                        : Math.sin(x * 0.01) * Math.cos(y * 0.03) * 1e-3 + random.nextGaussian() * 1e-5)))),
                new Case("float plane that is all NaN", PageMode.FRAMES, 0, f -> TestImages.tiff(f, null,
                        List.of(TestImages.image(300, 200, 1, DataBuffer.TYPE_FLOAT, (x, y, b) -> Double.NaN)))),
                new Case("two channels as pages, green/magenta", PageMode.CHANNELS, 0, f -> TestImages.tiff(f,
                        "Deflate", List.of(
                                TestImages.image(515, 1030, 1, DataBuffer.TYPE_USHORT, (x, y, b) -> x * 50 % 40000),
                                TestImages.image(515, 1030, 1, DataBuffer.TYPE_USHORT, (x, y, b) -> y * 31 % 20000)))),
                new Case("four channels as pages, first three shown", PageMode.CHANNELS, 0, f -> TestImages.tiff(f,
                        null, List.of(
                                TestImages.image(300, 301, 1, DataBuffer.TYPE_BYTE, (x, y, b) -> x % 256),
                                TestImages.image(300, 301, 1, DataBuffer.TYPE_BYTE, (x, y, b) -> y % 256),
                                TestImages.image(300, 301, 1, DataBuffer.TYPE_BYTE, (x, y, b) -> (x + y) % 256),
                                TestImages.image(300, 301, 1, DataBuffer.TYPE_BYTE, (x, y, b) -> 255)))),
                new Case("RGB frames, frame 2", PageMode.FRAMES, 2, f -> TestImages.tiff(f, "LZW", List.of(
                        TestImages.image(701, 433, 3, DataBuffer.TYPE_BYTE, (x, y, b) -> 10),
                        TestImages.image(701, 433, 3, DataBuffer.TYPE_BYTE, (x, y, b) -> 20),
                        TestImages.image(701, 433, 3, DataBuffer.TYPE_BYTE, (x, y, b) -> (x * (b + 1) + y) % 256)))),
                new Case("16-bit time series, frame 0 of 3", PageMode.FRAMES, 0, f -> {
                    List<BufferedImage> frames = new ArrayList<>();
                    for (int t = 0; t < 3; t++) {
                        int shift = t;
                        frames.add(TestImages.image(1100, 1030, 1, DataBuffer.TYPE_USHORT,
                                (x, y, b) -> (x * 3 + y * (shift + 1)) % 4096));
                    }
                    return TestImages.tiff(f, null, frames);
                }),
                new Case("16-bit gray PNG", PageMode.CHANNELS, 0, f -> TestImages.png(f,
                        TestImages.image(1300, 700, 1, DataBuffer.TYPE_USHORT, (x, y, b) -> (x * x + y) % 65536))),
                new Case("8-bit RGBA PNG, alpha dropped", PageMode.CHANNELS, 0, f -> TestImages.png(f,
                        TestImages.image(513, 257, 4, DataBuffer.TYPE_BYTE, (x, y, b) -> b == 3 ? 128 : (x + b * y) % 256))),
                new Case("1 x 1 pixel", PageMode.FRAMES, 0, f -> TestImages.tiff(f, null,
                        List.of(TestImages.image(1, 1, 1, DataBuffer.TYPE_USHORT, (x, y, b) -> 42)))));
        return cases.stream().flatMap(c -> Stream.of(
                new Object[]{c, "default budget", ImageLimits.DEFAULTS},
                new Object[]{c, "64 KiB budget", TINY_BUDGET}));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void shouldGiveTheSameInfoPreviewAndThumbnailAsTheSeparateCalls(Case c, String budget, ImageLimits limits)
            throws Exception {
        Path file = c.writer().write(dir.resolve(c.name().replaceAll("\\W+", "_")
                + (c.name().contains("PNG") ? ".png" : ".tif")));

        ValidateAndPreview.Result result = new ValidateAndPreview(limits)
                .run(file, c.mode(), c.frame(), PreviewSpec.PREVIEW, PreviewSpec.THUMBNAIL);

        ImageInfo expectedInfo = new ImageValidator().validate(file, c.mode());
        assertEquals(expectedInfo, result.info());
        PreviewRenderer renderer = new PreviewRenderer();
        for (PreviewSpec spec : List.of(PreviewSpec.PREVIEW, PreviewSpec.THUMBNAIL)) {
            BufferedImage expected = decode(renderer.render(file, c.mode(), c.frame(), spec));
            BufferedImage actual = decode(result.png(spec));
            assertEquals(expected.getType(), actual.getType(), spec + " type");
            assertEquals(expected.getWidth(), actual.getWidth(), spec + " width");
            assertEquals(expected.getHeight(), actual.getHeight(), spec + " height");
            assertArrayEquals(pixels(expected), pixels(actual), spec + " pixels");
        }
    }

    @Test
    void shouldComparePreviewsWithContentNotBlankImages() throws Exception {
        // Guards the comparison above against passing on two uniform images: the cases do render structure.
        Case c = (Case) cases().findFirst().orElseThrow()[0];
        Path file = c.writer().write(dir.resolve("structure.tif"));
        ValidateAndPreview.Result result =
                new ValidateAndPreview().run(file, c.mode(), 0, PreviewSpec.PREVIEW, PreviewSpec.THUMBNAIL);
        for (PreviewSpec spec : List.of(PreviewSpec.PREVIEW, PreviewSpec.THUMBNAIL)) {
            Set<Integer> values = new HashSet<>();
            for (int p : pixels(decode(result.png(spec)))) {
                values.add(p);
            }
            assertTrue(values.size() > 50, spec + ": only " + values.size() + " distinct values");
        }
        assertEquals(516, decode(result.png(PreviewSpec.PREVIEW)).getWidth()); // 1031 px, factor 2
        assertEquals(207, decode(result.png(PreviewSpec.THUMBNAIL)).getWidth()); // factor 5
    }

    @Test
    void shouldRefuseAFrameTheImageDoesNotHaveBeforeDecoding() throws Exception {
        Path file = TestImages.tiff(dir.resolve("one-frame.tif"), null,
                List.of(TestImages.image(8, 8, 1, DataBuffer.TYPE_BYTE, (x, y, b) -> x)));
        assertThrows(IndexOutOfBoundsException.class,
                () -> new ValidateAndPreview().run(file, PageMode.FRAMES, 1, PreviewSpec.PREVIEW));
        assertThrows(IllegalArgumentException.class, () -> new ValidateAndPreview().run(file, PageMode.FRAMES, 0));
    }

    @Test
    void shouldAnswerOnlyForRequestedSpecs() throws Exception {
        Path file = TestImages.tiff(dir.resolve("small.tif"), null,
                List.of(TestImages.image(8, 8, 1, DataBuffer.TYPE_BYTE, (x, y, b) -> x)));
        ValidateAndPreview.Result result = new ValidateAndPreview()
                .run(file, PageMode.FRAMES, 0, PreviewSpec.THUMBNAIL, PreviewSpec.THUMBNAIL);
        assertEquals(1, result.pngs().size());
        assertThrows(IllegalArgumentException.class, () -> result.png(PreviewSpec.PREVIEW));
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
