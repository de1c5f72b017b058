package org.labscale.imaging.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.RejectionCode;
import org.labscale.imaging.SampleType;
import org.labscale.imaging.TestImages;

/** Per-channel files stacked into one TIFF: exact samples, page order, and the files it refuses. */
class ChannelStackTest {

    @TempDir
    Path dir;

    private static BufferedImage grey16(int w, int h, int seed) {
        return TestImages.image(w, h, 1, DataBuffer.TYPE_USHORT, (x, y, b) -> (x * 131 + y * 17 + seed * 1000) % 65536);
    }

    private ChannelStack.Source source(String name, BufferedImage image, String compression) throws Exception {
        return new ChannelStack.Source(TestImages.tiff(dir.resolve(name), compression, List.of(image)), name);
    }

    @Test
    void stacksSixteenBitChannelsExactlyInOrderOverManyStrips() throws Exception {
        int w = 300;
        int h = 700; // 600 bytes per row: 436 rows per strip, two strips per page
        List<ChannelStack.Source> sources = List.of(source("phase.tif", grey16(w, h, 1), "LZW"),
                source("dapi.tif", grey16(w, h, 2), null));
        Path out = dir.resolve("stack.tif");
        ImageInfo info = ChannelStack.write(sources, out, ImageLimits.DEFAULTS);
        assertEquals(2, info.channels());
        assertEquals(SampleType.UINT16, info.sampleType());
        try (ImageFile stack = ImageFile.open(out, PageMode.CHANNELS)) {
            assertEquals(info, stack.info());
            for (int c = 0; c < 2; c++) {
                try (ImageFile original = ImageFile.open(sources.get(c).file(), PageMode.CHANNELS)) {
                    assertArrayEquals(original.readPlane(0, 0).pixels(), stack.readPlane(c, 0).pixels(), "channel " + c);
                }
            }
        }
        // An independent reader (the JDK's) sees the same first page.
        BufferedImage page = ImageIO.read(out.toFile());
        assertEquals(1 * 1000 % 65536 + 131 * 5 + 17 * 9, page.getRaster().getSample(5, 9, 0));
    }

    @Test
    void stacksAnEightBitPngAndAOneStripTiff() throws Exception {
        BufferedImage a = TestImages.image(40, 30, 1, DataBuffer.TYPE_BYTE, (x, y, b) -> x + y);
        BufferedImage b = TestImages.image(40, 30, 1, DataBuffer.TYPE_BYTE, (x, y, c) -> 255 - x);
        List<ChannelStack.Source> sources = List.of(
                new ChannelStack.Source(TestImages.png(dir.resolve("a.png"), a), "a.png"),
                source("b.tif", b, "Deflate"));
        Path out = dir.resolve("stack.tif");
        ChannelStack.write(sources, out, ImageLimits.DEFAULTS);
        try (ImageFile stack = ImageFile.open(out, PageMode.CHANNELS)) {
            assertEquals(2, stack.info().channels());
            assertEquals(68f, stack.readPlane(0, 0).get(39, 29));
            assertEquals(255f - 39, stack.readPlane(1, 0).get(39, 0));
        }
    }

    @Test
    void refusesChannelsThatDisagreeOrHoldSeveralPlanes() throws Exception {
        Path out = dir.resolve("stack.tif");
        ImageRejectedException size = assertThrows(ImageRejectedException.class, () -> ChannelStack.write(
                List.of(source("a.tif", grey16(20, 20, 1), null), source("b.tif", grey16(20, 21, 1), null)), out,
                ImageLimits.DEFAULTS));
        assertEquals(RejectionCode.INCONSISTENT_PAGES, size.reason());
        assertTrue(size.getMessage().contains("'b.tif' is 20 x 21 UINT16"), size.getMessage());

        BufferedImage eight = TestImages.image(20, 20, 1, DataBuffer.TYPE_BYTE, (x, y, b) -> x);
        ImageRejectedException type = assertThrows(ImageRejectedException.class, () -> ChannelStack.write(
                List.of(source("a.tif", grey16(20, 20, 1), null), source("c.tif", eight, null)), out,
                ImageLimits.DEFAULTS));
        assertEquals(RejectionCode.INCONSISTENT_PAGES, type.reason());

        BufferedImage rgb = TestImages.image(20, 20, 3, DataBuffer.TYPE_BYTE, (x, y, b) -> x);
        ImageRejectedException planes = assertThrows(ImageRejectedException.class, () -> ChannelStack.write(
                List.of(source("rgb.tif", rgb, null)), out, ImageLimits.DEFAULTS));
        assertEquals(RejectionCode.CHANNEL_NOT_SINGLE_PLANE, planes.reason());
        assertTrue(planes.getMessage().contains("'rgb.tif' holds 3 channel(s)"), planes.getMessage());
    }
}
