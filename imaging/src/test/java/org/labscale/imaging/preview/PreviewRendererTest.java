package org.labscale.imaging.preview;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.TestImages;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreviewRendererTest {

    @TempDir
    Path dir;

    private final PreviewRenderer renderer = new PreviewRenderer();

    private static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void shouldReduceLongestSideToAtMostTheRequestedSize() throws Exception {
        Path file = TestImages.tiff(dir.resolve("wide.tif"), "LZW", List.of(TestImages.image(3000, 2000, 1,
                DataBuffer.TYPE_USHORT, (x, y, b) -> x + y)));
        BufferedImage preview = decode(renderer.render(file, PageMode.FRAMES, 0, PreviewSpec.PREVIEW));
        assertEquals(1000, preview.getWidth()); // factor ceil(3000 / 1024) = 3
        assertEquals(667, preview.getHeight());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, preview.getType());
        BufferedImage thumb = decode(renderer.render(file, PageMode.FRAMES, 0, PreviewSpec.THUMBNAIL));
        assertEquals(250, thumb.getWidth()); // factor 12
        assertEquals(167, thumb.getHeight());
        // Stretched to the full range: dark top-left, bright bottom-right.
        assertEquals(0, thumb.getRaster().getSample(0, 0, 0));
        assertEquals(255, thumb.getRaster().getSample(249, 166, 0));
    }

    @Test
    void shouldNotEnlargeSmallImages() throws Exception {
        Path file = TestImages.png(dir.resolve("small.png"),
                TestImages.image(100, 60, 1, DataBuffer.TYPE_BYTE, (x, y, b) -> x));
        BufferedImage preview = decode(renderer.render(file, PageMode.CHANNELS, 0, PreviewSpec.PREVIEW));
        assertEquals(100, preview.getWidth());
        assertEquals(60, preview.getHeight());
    }

    @Test
    void shouldIgnoreHotPixelsWhenStretching() throws Exception {
        // Dim nuclei (values 100..200) plus a few saturated hot pixels; min/max scaling would make everything black.
        Path file = TestImages.tiff(dir.resolve("hot.tif"), null, List.of(TestImages.image(200, 200, 1,
                DataBuffer.TYPE_USHORT, (x, y, b) -> (x * 7 + y * 13) % 997 == 0 ? 65535 : 100 + (x % 101))));
        BufferedImage preview = decode(renderer.render(file, PageMode.FRAMES, 0, PreviewSpec.PREVIEW));
        int mid = preview.getRaster().getSample(50, 1, 0); // value 150, the middle of the dim range
        assertTrue(mid > 100 && mid < 160, "mid-gray expected, got " + mid);
    }

    @Test
    void shouldDrawTwoChannelsAsGreenAndMagenta() throws Exception {
        var c1 = TestImages.image(64, 64, 1, DataBuffer.TYPE_USHORT, (x, y, b) -> x < 32 ? 1000 : 0);
        var c2 = TestImages.image(64, 64, 1, DataBuffer.TYPE_USHORT, (x, y, b) -> x < 32 ? 0 : 1000);
        Path file = TestImages.tiff(dir.resolve("two.tif"), "Deflate", List.of(c1, c2));
        BufferedImage preview = decode(renderer.render(file, PageMode.CHANNELS, 0, PreviewSpec.PREVIEW));
        assertEquals(0x00FF00, preview.getRGB(5, 5) & 0xFFFFFF);
        assertEquals(0xFF00FF, preview.getRGB(60, 5) & 0xFFFFFF);
    }

    @Test
    void shouldDrawRgbAsRgbAndPickTheRequestedFrame() throws Exception {
        var red = TestImages.image(8, 8, 3, DataBuffer.TYPE_BYTE, (x, y, b) -> b == 0 ? (x < 4 ? 200 : 10) : 10);
        var blue = TestImages.image(8, 8, 3, DataBuffer.TYPE_BYTE, (x, y, b) -> b == 2 ? (x < 4 ? 200 : 10) : 10);
        Path file = TestImages.tiff(dir.resolve("rgb.tif"), "LZW", List.of(red, blue));
        BufferedImage frame0 = decode(renderer.render(file, PageMode.FRAMES, 0, PreviewSpec.PREVIEW));
        BufferedImage frame1 = decode(renderer.render(file, PageMode.FRAMES, 1, PreviewSpec.PREVIEW));
        assertEquals(0xFF0000, frame0.getRGB(1, 1) & 0xFFFFFF);
        assertEquals(0x0000FF, frame1.getRGB(1, 1) & 0xFFFFFF);
    }
}
