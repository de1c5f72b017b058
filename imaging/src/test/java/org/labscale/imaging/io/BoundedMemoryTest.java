package org.labscale.imaging.io;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.MinimalTiff;
import org.labscale.imaging.TestCodecs;
import org.labscale.imaging.TestImages;

import java.awt.image.DataBuffer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory stays bounded for big files. Allocation counters (ThreadMXBean) measure churn, not the live heap, so instead
 * each operation runs in a child JVM whose heap ({@value #HEAP}) is a quarter of the file's pixel data: it can only
 * succeed if the code never holds a whole plane. A control run that does read the whole plane must die of
 * OutOfMemoryError, proving the limit bites.
 */
class BoundedMemoryTest {

    private static final String HEAP = "-Xmx32m";
    private static final int SIDE = 8_000; // 8000 x 8000 x 16 bit = 128 MB of pixels

    @TempDir
    static Path dir;

    static Path big;

    @BeforeAll
    static void writeBigTiff() throws IOException {
        // One uncompressed strip of 128 MB (as ImageJ writes them), streamed row by row: the test JVM needs no heap.
        big = MinimalTiff.write(dir.resolve("big.tif"), (page, y, row) -> {
            for (int x = 0; x < SIDE; x++) {
                row.putShort((short) ((x ^ y) & 0x0FFF));
            }
        }, MinimalTiff.gray(SIDE, SIDE, 16, 1));
        assertEquals(128_000_000L, Files.size(big) - 8 - 2 - 12 * 10 - 4, 200);
    }

    @Test
    void shouldValidateA128MegabyteTiffInA32MebibyteHeap() throws Exception {
        Result r = runChild("validate", big);
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("OK ImageInfo[format=TIFF, width=8000, height=8000"), r.output);
    }

    @Test
    void shouldRenderPreviewOfA128MegabyteTiffInA32MebibyteHeap() throws Exception {
        Result r = runChild("preview", big);
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("OK preview"), r.output);
    }

    @Test
    void shouldValidateAndRenderBothSizesOfA128MegabyteTiffInOnePassInA32MebibyteHeap() throws Exception {
        Result r = runChild("validate-and-preview", big);
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("OK ImageInfo[format=TIFF, width=8000, height=8000"), r.output);
        assertTrue(r.output.contains(" preview ") && r.output.contains(" thumbnail "), r.output);
    }

    @Test
    void shouldValidateLzwTiffLargerThanTheHeap() throws Exception {
        // 4000 x 4000 x 16 bit LZW: 32 MB of pixels, in 8-row strips written by the JDK writer.
        Path lzw = TestImages.tiff(dir.resolve("lzw.tif"), "LZW", List.of(TestImages.image(4_000, 4_000, 1,
                DataBuffer.TYPE_USHORT, (x, y, b) -> (x * 3 + y * 5) % 4096)));
        Result r = runChild("validate", lzw);
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("compression=LZW"), r.output);
    }

    @Test
    void shouldValidateAGigapixelZeroPngInOnePassInA32MebibyteHeap() throws Exception {
        // The report's upload: 32,768 px square, all zero, 8-bit grey, about 1 MB. Validating it while delivering its
        // rows (as the upload's preview pass does) used to inflate from row 0 once per 8 MiB band: 128 bands, 64 GiB
        // inflated, 866 s. Now one pass: every row and its filter byte inflated exactly once.
        int side = 32_768;
        Path png = TestCodecs.png(dir.resolve("zeros.png"), side, side, 8, 0, (y, row) -> { }, y -> 0);
        assertTrue(Files.size(png) < 1_100_000, "about 1 MB: " + Files.size(png));
        Result r = runChild("validate-counting", png);
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("OK ImageInfo[format=PNG, width=32768, height=32768"), r.output);
        assertTrue(r.output.contains(" decoded " + (long) side * (side + 1) + " bytes"), r.output);
    }

    @Test
    void controlReadingTheWholePlaneDoesNotFitTheSameHeap() throws Exception {
        Result r = runChild("whole-plane", big);
        assertNotEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("OutOfMemoryError"), r.output);
    }

    private record Result(int exit, String output) {
    }

    private static Result runChild(String action, Path file) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp", classpath,
                BoundedMemoryMain.class.getName(), action, file.toString()));
        File log = dir.resolve(action + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(action + " did not finish within 300 s");
        }
        return new Result(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
    }
}
