package org.labscale.imaging.io;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.SampleType;
import org.labscale.imaging.TestImages;

import java.awt.image.DataBuffer;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** 8- and 16-bit PNG, gray and RGB, with and without alpha (which is dropped). */
class PngReadTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}-bit, {1} bands -> {2} channels")
    @CsvSource({"8,1,1", "16,1,1", "8,3,3", "16,3,3", "8,2,1", "16,4,3", "8,4,3"})
    void shouldReadPngSamplesExactly(int bits, int bands, int channels) throws Exception {
        int w = 41;
        int h = 29;
        int type = bits == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
        int scale = bits == 8 ? 1 : 257;
        Path file = TestImages.png(dir.resolve("p.png"),
                TestImages.image(w, h, bands, type, (x, y, b) -> ((x * 5 + y * 3 + b * 50) % 256) * scale));

        ImageInfo info = new ImageValidator().validate(file, PageMode.CHANNELS);
        SampleType sampleType = bits == 8 ? SampleType.UINT8 : SampleType.UINT16;
        assertEquals(new ImageInfo(ImageFormat.PNG, w, h, channels, 1, bits, sampleType, "Deflate"), info);

        try (ImageFile image = ImageFile.open(file, PageMode.CHANNELS)) {
            for (int c = 0; c < channels; c++) {
                float[] plane = image.readPlane(c, 0).pixels();
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        assertEquals(((x * 5 + y * 3 + c * 50) % 256) * scale, plane[y * w + x], 0f);
                    }
                }
                assertEquals(((3 * 5 + 20 * 3 + c * 50) % 256) * scale, image.readRows(c, 0, 20, 3).get(3, 0), 0f);
            }
        }
    }
}
