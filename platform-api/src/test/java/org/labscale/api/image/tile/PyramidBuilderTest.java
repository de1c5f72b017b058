package org.labscale.api.image.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.api.image.TestFiles;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;

/** The pyramid of small hand-made TIFFs: exact level-0 values, 2 x 2 means above, histogram and percentiles. */
class PyramidBuilderTest {

    /** Sample (x, y) of channel {@code c}: distinct everywhere, so a misplaced read shows. */
    static double sample(int c, int x, int y) {
        return c * 1000 + (x % 100) * 10 + (y % 37);
    }

    @Test
    void shouldKeepOriginalValuesAtLevelZeroAndBlockMeansAbove(@TempDir Path dir) throws IOException, ImageRejectedException {
        Path original = dir.resolve("two-channels.tif");
        Files.write(original, TestFiles.tiff("LZW",
                TestFiles.gray(600, 300, DataBuffer.TYPE_USHORT, (x, y) -> sample(0, x, y)),
                TestFiles.gray(600, 300, DataBuffer.TYPE_USHORT, (x, y) -> sample(1, x, y))));
        Path out = Files.createDirectory(dir.resolve("pyramid"));

        Pyramid pyramid = PyramidBuilder.build(original, PageMode.CHANNELS, out);

        assertEquals(2, pyramid.layout().maxLevel(), "600 x 300 -> 300 x 150 -> 150 x 75");
        assertEquals(2, pyramid.channels());
        Pyramid.TileValues edge = pyramid.tile(1, 0, 0, 2, 1);
        assertEquals(600 - 512, edge.width());
        assertEquals(300 - 256, edge.height());
        assertEquals(sample(1, 512 + 5, 256 + 7), edge.values()[7 * edge.width() + 5], 0);
        Pyramid.TileValues half = pyramid.tile(0, 0, 1, 1, 0);
        assertEquals(300 - 256, half.width());
        double mean = (sample(0, 514, 6) + sample(0, 515, 6) + sample(0, 514, 7) + sample(0, 515, 7)) / 4;
        assertEquals(mean, half.values()[3 * half.width() + 1], 1e-3);
        assertEquals(sample(1, 599, 299), pyramid.value(1, 0, 599, 299), 0);
        Pyramid.TileValues top = pyramid.tile(0, 0, 2, 0, 0);
        assertEquals(150, top.width());
        assertEquals(75, top.height());
    }

    @Test
    void shouldFindTheRangeAndPercentilesOfEachPlane(@TempDir Path dir) throws IOException, ImageRejectedException {
        Path original = dir.resolve("ramp.tif");
        // 100 x 100: values 0..9999 once each, so the p-th percentile is about p * 10,000
        Files.write(original, TestFiles.tiff(null,
                TestFiles.gray(100, 100, DataBuffer.TYPE_USHORT, (x, y) -> y * 100 + x)));
        Pyramid pyramid = PyramidBuilder.build(original, PageMode.CHANNELS, Files.createDirectory(dir.resolve("p")));

        PlaneHistogram h = pyramid.histogram(0, 0);
        assertEquals(0, h.min());
        assertEquals(9999, h.max());
        assertEquals(10_000L, h.coarse(256).stream().mapToLong(Long::longValue).sum());
        assertEquals(50, h.percentile(0.005), 5);
        assertEquals(9950, h.percentile(0.995), 5);
        assertTrue(h.percentile(0.999) > h.percentile(0.995));
    }
}
