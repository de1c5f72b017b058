package org.labscale.imaging.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.TestCodecs;
import org.labscale.imaging.TestImages;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.imaging.preview.PreviewSpec;
import org.labscale.imaging.preview.ValidateAndPreview;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.DataBuffer;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The work an upload may cost is bounded: decoding time, PNG pixels, and PNGs that cannot be streamed. */
class DecodeLimitsTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAnImageWhoseDecodingExceedsTheTimeBudget() throws Exception {
        // 2,000 x 2,000 x 16-bit RGB: tens of milliseconds of CPU at least, against a budget of one.
        Path file = TestCodecs.png(dir.resolve("slow.png"), 2_000, 2_000, 16, 2,
                (y, row) -> StreamingDecodeTest.fill(row, y), y -> 4);
        ImageLimits oneMillisecond = ImageLimits.DEFAULTS.withMaxDecodeTime(Duration.ofMillis(1));
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> new ValidateAndPreview(
                oneMillisecond).run(file, PageMode.CHANNELS, 0, PreviewSpec.PREVIEW));
        assertEquals("image.too-costly", e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("1 ms") && e.getMessage().contains("PNG"), e.getMessage());
        // The same file within the default budget is fine.
        assertEquals(2_000, new ImageValidator().validate(file, PageMode.CHANNELS).width());
    }

    @Test
    void shouldApplyTheTimeBudgetToTiffsAndAnnotationsToo() throws Exception {
        Path file = TestCodecs.singleStripTiff(dir.resolve("slow.tif"), 3_000, 3_000, 16, 5, 2,
                (y, row) -> StreamingDecodeTest.fill(row, y));
        ImageLimits oneMillisecond = ImageLimits.DEFAULTS.withMaxDecodeTime(Duration.ofMillis(1));
        assertEquals("image.too-costly", assertThrows(ImageRejectedException.class,
                () -> new ImageValidator(oneMillisecond).validate(file, PageMode.FRAMES)).code());
        assertEquals("image.too-costly", assertThrows(ImageRejectedException.class,
                () -> new LabelImageReader(oneMillisecond).read(file)).code());
    }

    @Test
    void shouldRefusePngsAboveThePngPixelLimitFromTheHeader() throws Exception {
        Path file = TestCodecs.png(dir.resolve("big.png"), 300, 200, 8, 0, (y, row) -> { }, y -> 0);
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () ->
                new ImageProbe(ImageLimits.DEFAULTS.withMaxPngPixels(50_000)).probe(file, PageMode.CHANNELS));
        assertEquals("image.too-large", e.code());
        assertTrue(e.getMessage().contains("300 x 200 = 60,000 pixels; at most 50,000")
                && e.getMessage().contains("TIFF"), e.getMessage());
    }

    @Test
    void shouldRefuseInterlacedPngWithAClearMessage() throws Exception {
        Path file = dir.resolve("adam7.png");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT); // Adam7
            writer.write(null, new IIOImage(TestImages.image(64, 64, 1, DataBuffer.TYPE_BYTE,
                    (x, y, b) -> x + y), null, null), param);
        } finally {
            writer.dispose();
        }
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> new ImageProbe().probe(file, PageMode.CHANNELS));
        assertEquals("image.unsupported-interlace", e.code());
        assertTrue(e.getMessage().contains("without interlacing"), e.getMessage());
    }

    @Test
    void shouldRejectNonPositiveTimeBudgets() {
        assertThrows(IllegalArgumentException.class, () -> ImageLimits.DEFAULTS.withMaxDecodeTime(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ImageLimits.DEFAULTS.withMaxPngPixels(0));
    }
}
