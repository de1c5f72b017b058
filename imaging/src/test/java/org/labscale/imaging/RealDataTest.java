package org.labscale.imaging;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.io.ImageValidator;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.imaging.labels.LabelKind;
import org.labscale.imaging.labels.LabelSummary;
import org.labscale.imaging.labels.LabelValidator;
import org.labscale.imaging.preview.PreviewRenderer;
import org.labscale.imaging.preview.PreviewSpec;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every real image and reference mask in the shared data folder (system property {@code labscale.data.dir}, default
 * {@code ../../shared/data} from the module) probes, validates, reads and converts. Skipped when the folder is absent.
 */
class RealDataTest {

    private static Path data;

    @BeforeEach
    void locateData() {
        data = Path.of(System.getProperty("labscale.data.dir", "../../shared/data")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(data.resolve("nuclei")),
                "real data not found at " + data + "; set -Dlabscale.data.dir=... to run these tests");
    }

    private static List<Path> files(String folder) throws IOException {
        try (Stream<Path> s = Files.list(data.resolve(folder))) {
            return s.sorted().toList();
        }
    }

    @Test
    void shouldReadNih3t3PngsAndSplitTheirBinaryMasksIntoNuclei() throws Exception {
        List<Path> images = files("nuclei/nih3t3-hoechst/images");
        assertEquals(14, images.size());
        for (Path image : images) {
            ImageInfo info = new ImageValidator().validate(image, PageMode.CHANNELS);
            assertEquals(new ImageInfo(ImageFormat.PNG, 1344, 1024, 1, 1, 8, SampleType.UINT8, "Deflate"), info,
                    image.toString());
            assertPlaneIsNotBlank(image);

            Path maskFile = data.resolve("nuclei/nih3t3-hoechst/masks").resolve(image.getFileName());
            LabelImage mask = new LabelImageReader().read(maskFile);
            LabelSummary summary = new LabelValidator().validate(mask, LabelKind.BINARY_MASK, 1344, 1024);
            int cells = summary.cellCount().orElseThrow();
            assertTrue(cells > 10 && cells < 200, image + ": " + cells + " nuclei");
            assertTrue(summary.pixelsOfClass(1) > 0 && summary.pixelsOfClass(2) > summary.pixelsOfClass(1) / 4,
                    image + ": " + summary);
            assertThumbnail(image);
        }
    }

    @Test
    void shouldReadGowt1LzwTiffsAndTheirInstanceMasks() throws Exception {
        List<Path> images = files("nuclei/gowt1-gfp/images");
        assertEquals(5, images.size());
        for (Path image : images) {
            ImageInfo info = new ImageValidator().validate(image, PageMode.FRAMES);
            assertEquals(new ImageInfo(ImageFormat.TIFF, 1024, 1024, 1, 1, 8, SampleType.UINT8, "LZW"), info,
                    image.toString());
            assertPlaneIsNotBlank(image);

            Path maskFile = data.resolve("nuclei/gowt1-gfp/masks").resolve(image.getFileName());
            ImageInfo maskInfo = new ImageValidator().validate(maskFile, PageMode.FRAMES);
            assertEquals(SampleType.UINT16, maskInfo.sampleType());
            assertEquals("LZW", maskInfo.compression());
            LabelImage mask = new LabelImageReader().read(maskFile);
            LabelSummary summary = new LabelValidator().validate(mask, LabelKind.INSTANCE_MASK, 1024, 1024);
            int cells = summary.cellCount().orElseThrow();
            assertTrue(cells > 10, image + ": " + cells + " nuclei");
            assertTrue(summary.pixelsOfClass(2) > 0, summary.toString());
            assertThumbnail(image);
        }
    }

    @Test
    void shouldDecodeEveryRealFileExactlyAsImageIoDoes() throws Exception {
        // The streaming decoders against ImageIO's readers (the JDK's PNG reader; TwelveMonkeys or the JDK's TIFF
        // reader), first page, every channel, on every image and mask of the shared data.
        List<Path> all;
        try (Stream<Path> s = Files.walk(data)) {
            all = s.filter(f -> f.toString().matches(".*\\.(png|tif|tiff)$")).sorted().toList();
        }
        int compared = 0;
        for (Path file : all) {
            Raster reference = ImageIO.read(file.toFile()).getRaster();
            try (ImageFile image = ImageFile.open(file, PageMode.FRAMES)) {
                ImageInfo info = image.info();
                for (int c = 0; c < info.channels(); c++) {
                    float[] expected = reference.getSamples(0, 0, info.width(), info.height(), c, (float[]) null);
                    assertArrayEquals(expected, image.readPlane(c, 0).pixels(), 0f,
                            file + ", channel " + c);
                }
            }
            compared++;
        }
        assertTrue(compared > 100, "compared " + compared + " files");
    }

    private static void assertPlaneIsNotBlank(Path image) throws Exception {
        try (ImageFile file = ImageFile.open(image, PageMode.FRAMES)) {
            float[] pixels = file.readPlane(0, 0).pixels();
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float v : pixels) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertTrue(max > min && max <= 255, image + ": range " + min + ".." + max);
        }
    }

    private static void assertThumbnail(Path image) throws Exception {
        byte[] png = new PreviewRenderer().render(image, PageMode.FRAMES, 0, PreviewSpec.THUMBNAIL);
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(Math.max(thumb.getWidth(), thumb.getHeight()) <= 256, image.toString());
        assertTrue(Math.max(thumb.getWidth(), thumb.getHeight()) > 200, image.toString());
    }
}
