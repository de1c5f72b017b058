package org.labscale.imaging.labels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.SampleType;
import org.labscale.imaging.TestImages;
import org.labscale.imaging.io.ImageProbe;

import java.awt.image.DataBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LabelImageIoTest {

    @TempDir
    Path dir;

    private static LabelImage sample(int maxLabel) {
        int w = 19;
        int h = 11;
        int[] data = new int[w * h];
        for (int i = 0; i < data.length; i++) {
            data[i] = (int) ((long) i * 7919 % (maxLabel + 1));
        }
        return LabelImage.of(w, h, data);
    }

    @Test
    void shouldRoundTripClassMapAs8BitPng() throws Exception {
        LabelImage map = sample(15);
        Path file = Files.write(dir.resolve("classes.png"), LabelImageEncoder.classMapPng(map));
        assertEquals(SampleType.UINT8, new ImageProbe().probe(file, PageMode.CHANNELS).sampleType());
        assertEquals(map, new LabelImageReader().read(file));
    }

    @Test
    void shouldRoundTripLabelsAs16BitPngAndTiff() throws Exception {
        LabelImage labels = sample(65_535);
        Path png = Files.write(dir.resolve("labels.png"), LabelImageEncoder.labelsPng16(labels));
        Path tif = Files.write(dir.resolve("labels.tif"), LabelImageEncoder.labelsTiff16(labels));
        assertEquals(labels, new LabelImageReader().read(png));
        assertEquals(labels, new LabelImageReader().read(tif));
        assertEquals("Adobe Deflate", new ImageProbe().probe(tif, PageMode.CHANNELS).compression());
    }

    @Test
    void shouldRefuseValuesThatDoNotFitTheEncoding() {
        assertThrows(IllegalArgumentException.class, () -> LabelImageEncoder.classMapPng(sample(256)));
        assertThrows(IllegalArgumentException.class,
                () -> LabelImageEncoder.labelsPng16(LabelImage.of(1, 1, new int[]{65_536})));
    }

    @Test
    void shouldRefuseRgbAnnotation() throws Exception {
        Path file = TestImages.png(dir.resolve("rgb.png"),
                TestImages.image(4, 4, 3, DataBuffer.TYPE_BYTE, (x, y, b) -> x));
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> new LabelImageReader().read(file));
        assertEquals("mask.not-single-plane", e.code());
    }

    @Test
    void shouldRefuseMultiPageAnnotation() throws Exception {
        var page = TestImages.image(4, 4, 1, DataBuffer.TYPE_USHORT, (x, y, b) -> x);
        Path file = TestImages.tiff(dir.resolve("two.tif"), "LZW", List.of(page, page));
        assertEquals("mask.not-single-plane",
                assertThrows(ImageRejectedException.class, () -> new LabelImageReader().read(file)).code());
    }

    @Test
    void shouldRefuseFloatAnnotation() throws Exception {
        Path file = TestImages.tiff(dir.resolve("float.tif"), null,
                List.of(TestImages.image(4, 4, 1, DataBuffer.TYPE_FLOAT, (x, y, b) -> x)));
        assertEquals("mask.unsupported-bit-depth",
                assertThrows(ImageRejectedException.class, () -> new LabelImageReader().read(file)).code());
    }
}
