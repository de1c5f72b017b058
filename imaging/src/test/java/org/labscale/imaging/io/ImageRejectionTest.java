package org.labscale.imaging.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.MinimalTiff;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.TestImages;
import org.labscale.imaging.preview.PreviewSpec;
import org.labscale.imaging.preview.ValidateAndPreview;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way an upload is refused, with its code and a message that names the offending value. */
class ImageRejectionTest {

    @TempDir
    Path dir;

    private final ImageValidator validator = new ImageValidator();

    /**
     * The validator's rejection of {@code file}, after checking that the single-pass {@link ValidateAndPreview} refuses
     * it with the same code and message.
     */
    private ImageRejectedException rejected(Path file) {
        ImageRejectedException e =
                assertThrows(ImageRejectedException.class, () -> validator.validate(file, PageMode.FRAMES));
        ImageRejectedException inPass = assertThrows(ImageRejectedException.class, () -> new ValidateAndPreview()
                .run(file, PageMode.FRAMES, 0, PreviewSpec.PREVIEW, PreviewSpec.THUMBNAIL));
        assertEquals(e.code(), inPass.code());
        assertEquals(e.getMessage(), inPass.getMessage());
        return e;
    }

    private static void assertMentions(ImageRejectedException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    @Test
    void shouldRefuseEmptyFile() throws IOException {
        ImageRejectedException e = rejected(Files.write(dir.resolve("empty.tif"), new byte[0]));
        assertEquals("image.empty", e.code());
    }

    @Test
    void shouldRefuseTextFileAsNotAnImage() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.tif"), "cell_id,area\n1,200\n2,340\n");
        ImageRejectedException e = rejected(file);
        assertEquals("image.not-an-image", e.code());
        assertMentions(e, "text file", "TIFF or PNG");
    }

    @Test
    void shouldRefuseZipArchiveAsNotAnImage() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("a.tif"));
            zip.write(new byte[100]);
        }
        ImageRejectedException e = rejected(Files.write(dir.resolve("images.zip"), bytes.toByteArray()));
        assertEquals("image.not-an-image", e.code());
        assertMentions(e, "ZIP");
    }

    @Test
    void shouldRefuseJpegAsUnsupportedFormat() throws IOException {
        Path file = dir.resolve("photo.jpg");
        BufferedImage rgb = new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR);
        javax.imageio.ImageIO.write(rgb, "jpeg", file.toFile());
        ImageRejectedException e = rejected(file);
        assertEquals("image.unsupported-format", e.code());
        assertMentions(e, "JPEG");
    }

    @Test
    void shouldRefuseHugeTiffFromHeaderAlone() throws IOException {
        // 100,000 x 100,000 16-bit claims 20 GB of pixels; the file holds only the header (~150 bytes).
        Path file = MinimalTiff.headerOnly(dir.resolve("huge.tif"), MinimalTiff.gray(100_000, 100_000, 16, 1));
        assertTrue(Files.size(file) < 512);
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> new ImageProbe().probe(file, PageMode.FRAMES));
        assertEquals("image.too-large", e.code());
        assertMentions(e, "100,000 x 100,000", "65,536");
        // Same through the validator and ImageFile: the decoder is never reached.
        assertEquals("image.too-large", rejected(file).code());
        assertEquals("image.too-large", assertThrows(ImageRejectedException.class,
                () -> ImageFile.open(file, PageMode.FRAMES)).code());
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(after - before < 64L << 20, "no large allocation expected");
    }

    @Test
    void shouldRefusePlaneWithTooManyPixelsEvenIfSidesAreAllowed() throws IOException {
        ImageLimits limits = new ImageLimits(10_000, 1_000_000, 100, 10_000_000, 1 << 20, 1_000_000,
                java.time.Duration.ofMinutes(1));
        Path file = MinimalTiff.headerOnly(dir.resolve("wide.tif"), MinimalTiff.gray(5_000, 5_000, 8, 1));
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> new ImageProbe(limits).probe(file, PageMode.FRAMES));
        assertEquals("image.too-large", e.code());
        assertMentions(e, "25,000,000", "1,000,000");
    }

    @Test
    void shouldRefuseTooManyPages() throws Exception {
        MinimalTiff.Page[] pages = new MinimalTiff.Page[5];
        Arrays.setAll(pages, i -> MinimalTiff.gray(4, 4, 8, 1));
        Path file = MinimalTiff.write(dir.resolve("stack.tif"), (p, y, row) -> { }, pages);
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> new ImageProbe(ImageLimits.DEFAULTS.withMaxPlanes(4)).probe(file, PageMode.FRAMES));
        assertEquals("image.too-many-planes", e.code());
        assertMentions(e, "4");
        assertEquals(5, new ImageProbe().probe(file, PageMode.FRAMES).frames());
    }

    @Test
    void shouldRefuseJpegCompressedTiffNamingTheScheme() throws IOException {
        Path file = MinimalTiff.write(dir.resolve("jpeg.tif"), (p, y, row) -> { },
                MinimalTiff.gray(4, 4, 8, 1).tag(259, 7));
        ImageRejectedException e = rejected(file);
        assertEquals("image.unsupported-compression", e.code());
        assertEquals("TIFF compression JPEG (7) is not supported; use uncompressed, LZW or Deflate.", e.getMessage());
    }

    @Test
    void shouldRefusePackBitsTiff() throws IOException {
        Path file = MinimalTiff.write(dir.resolve("pb.tif"), (p, y, row) -> { },
                MinimalTiff.gray(4, 4, 8, 1).tag(259, 32773));
        assertMentions(rejected(file), "PackBits (32773)");
    }

    @Test
    void shouldRefuseTwelveBitTiff() throws IOException {
        Path file = MinimalTiff.write(dir.resolve("12bit.tif"), (p, y, row) -> { }, MinimalTiff.gray(4, 4, 12, 1));
        ImageRejectedException e = rejected(file);
        assertEquals("image.unsupported-bit-depth", e.code());
        assertMentions(e, "12 bits", "8- or 16-bit", "32-bit");
    }

    @Test
    void shouldRefuseSignedIntegerTiff() throws IOException {
        Path file = MinimalTiff.write(dir.resolve("s16.tif"), (p, y, row) -> { }, MinimalTiff.gray(4, 4, 16, 2));
        ImageRejectedException e = rejected(file);
        assertEquals("image.unsupported-sample-format", e.code());
        assertMentions(e, "16-bit signed integer");
    }

    @Test
    void shouldRefuseThirtyTwoBitIntegerTiff() throws IOException {
        Path file = MinimalTiff.write(dir.resolve("u32.tif"), (p, y, row) -> { }, MinimalTiff.gray(4, 4, 32, 1));
        ImageRejectedException e = rejected(file);
        assertEquals("image.unsupported-sample-format", e.code());
        assertMentions(e, "32-bit unsigned integer");
    }

    @Test
    void shouldRefusePaletteTiff() throws IOException {
        Path file = MinimalTiff.write(dir.resolve("pal.tif"), (p, y, row) -> { },
                MinimalTiff.gray(4, 4, 8, 1).tag(262, 3));
        ImageRejectedException e = rejected(file);
        assertEquals("image.unsupported-color-type", e.code());
        assertMentions(e, "palette");
    }

    @Test
    void shouldRefusePagesOfDifferentSizes() throws IOException {
        Path file = MinimalTiff.write(dir.resolve("mixed.tif"), (p, y, row) -> { },
                MinimalTiff.gray(8, 8, 8, 1), MinimalTiff.gray(8, 8, 8, 1), MinimalTiff.gray(8, 6, 8, 1));
        ImageRejectedException e = rejected(file);
        assertEquals("image.inconsistent-pages", e.code());
        assertMentions(e, "Page 3", "8 x 6", "8 x 8");
    }

    @Test
    void shouldRefusePagesOfDifferentBitDepths() throws IOException {
        Path file = MinimalTiff.write(dir.resolve("mixed-bits.tif"), (p, y, row) -> { },
                MinimalTiff.gray(8, 8, 8, 1), MinimalTiff.gray(8, 8, 16, 1));
        ImageRejectedException e = rejected(file);
        assertEquals("image.inconsistent-pages", e.code());
        assertMentions(e, "Page 2", "16-bit", "8-bit");
    }

    @Test
    void shouldRefuseTiffCutInTheMiddleOfPixelDataBeforeDecoding() throws IOException {
        Path full = TestImages.tiff(dir.resolve("full.tif"), null, List.of(gradient(64, 64, DataBuffer.TYPE_USHORT)));
        Path cut = cut(full, "cut.tif", 0.5);
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> new ImageProbe().probe(cut, PageMode.FRAMES));
        assertEquals("image.truncated", e.code());
        assertMentions(e, "cut off");
    }

    @Test
    void shouldRefuseLzwTiffCutInTheMiddle() throws IOException {
        Path full = TestImages.tiff(dir.resolve("full.tif"), "LZW", List.of(noise(128, 128)));
        assertEquals("image.truncated", rejected(cut(full, "cut.tif", 0.6)).code());
    }

    @Test
    void shouldRefuseTiffWhoseHeaderIsCut() throws IOException {
        Path full = TestImages.tiff(dir.resolve("full.tif"), null, List.of(gradient(16, 16, DataBuffer.TYPE_BYTE)));
        Path cut = dir.resolve("cut.tif");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(full), 6));
        assertEquals("image.truncated", rejected(cut).code());
    }

    @Test
    void shouldRefuseTiffWithDamagedLzwData() throws IOException {
        Path file = TestImages.tiff(dir.resolve("lzw.tif"), "LZW", List.of(noise(128, 128)));
        byte[] bytes = Files.readAllBytes(file);
        // The JDK writer puts pixel data right after the 8-byte header; scribble over the middle of it.
        for (int i = 200; i < 2_000; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        Path damaged = Files.write(dir.resolve("damaged.tif"), bytes);
        ImageRejectedException e = rejected(damaged);
        assertTrue(e.code().equals("image.corrupt") || e.code().equals("image.truncated"), e.code());
        assertEquals("image.corrupt", e.code(), e.getMessage());
    }

    @Test
    void shouldRefuseTiffWithDirectoryLoop() throws IOException {
        Path file = MinimalTiff.write(dir.resolve("loop.tif"), (p, y, row) -> { }, MinimalTiff.gray(4, 4, 8, 1));
        byte[] bytes = Files.readAllBytes(file);
        int entries = ByteBuffer.wrap(bytes, 8, 2).order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort();
        ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(8 + 2 + 12 * entries, 8);
        ImageRejectedException e = rejected(Files.write(file, bytes));
        assertEquals("image.corrupt", e.code());
        assertMentions(e, "loop");
    }

    @Test
    void shouldRefusePalettePng() throws IOException {
        Path file = dir.resolve("palette.png");
        javax.imageio.ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED), "png", file.toFile());
        ImageRejectedException e = rejected(file);
        assertEquals("image.unsupported-color-type", e.code());
        assertMentions(e, "palette");
    }

    @Test
    void shouldRefuseOneBitPng() throws IOException {
        Path file = dir.resolve("bits.png");
        javax.imageio.ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_BINARY), "png", file.toFile());
        ImageRejectedException e = rejected(file);
        // TYPE_BYTE_BINARY is written as a 1-bit palette or gray PNG depending on the JDK; both are refused.
        assertTrue(List.of("image.unsupported-bit-depth", "image.unsupported-color-type").contains(e.code()));
    }

    @Test
    void shouldRefusePngCutInTheMiddle() throws IOException {
        Path full = TestImages.png(dir.resolve("full.png"), noise(256, 256));
        ImageRejectedException e = rejected(cut(full, "cut.png", 0.5));
        assertEquals("image.truncated", e.code());
        assertMentions(e, "cut off");
    }

    @Test
    void shouldRefusePngWithDamagedData() throws IOException {
        Path file = TestImages.png(dir.resolve("ok.png"), noise(256, 256));
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 400; i++) {
            bytes[i] = (byte) (i * 131);
        }
        ImageRejectedException e = rejected(Files.write(dir.resolve("damaged.png"), bytes));
        assertEquals("image.corrupt", e.code(), e.getMessage());
    }

    @Test
    void shouldRefusePngThatIsTooLargeFromHeader() throws IOException {
        byte[] png = Files.readAllBytes(TestImages.png(dir.resolve("small.png"), noise(4, 4)));
        ByteBuffer.wrap(png).putInt(16, 200_000).putInt(20, 3); // width, height in IHDR (CRC now wrong: irrelevant)
        ImageRejectedException e = rejected(Files.write(dir.resolve("wide.png"), png));
        assertEquals("image.too-large", e.code());
        assertMentions(e, "200,000 x 3");
    }

    private Path cut(Path full, String name, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(full);
        return Files.write(dir.resolve(name), Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
    }

    static BufferedImage gradient(int w, int h, int type) {
        return TestImages.image(w, h, 1, type, (x, y, b) -> (x + y) % 200);
    }

    static BufferedImage noise(int w, int h) {
        java.util.Random random = new java.util.Random(42);
        return TestImages.image(w, h, 1, DataBuffer.TYPE_BYTE, (x, y, b) -> random.nextInt(256));
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
