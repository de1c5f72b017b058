package org.labscale.convnet.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LocalMeanNormalizerTest {

    @Test
    void medianOfOddAndEvenCountsIgnoringNaN() {
        assertEquals(2f, LocalMeanNormalizer.median(new float[] {3, 1, 2}));
        assertEquals(2.5f, LocalMeanNormalizer.median(new float[] {4, 1, Float.NaN, 3, 2}));
    }

    @Test
    void zeroMedianFallsBackToTheMeanThenToOne() {
        assertEquals(1.25f, LocalMeanNormalizer.median(new float[] {0, 0, 0, 5}));
        assertEquals(1f, LocalMeanNormalizer.median(new float[] {0, 0, 0}));
    }

    @Test
    void dividesByTheMedianAndSubtractsTheReflectedLocalMean() {
        // v(y, x) = 3y + x on a 3x3 plane, window 3, divisor 2. Reflection maps -1 to 1 and 3 to 1.
        float[] plane = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        float[] out = new LocalMeanNormalizer(3).normalize(plane, 3, 3, 2f);
        // corner (0,0): window rows {1,0,1} x cols {1,0,1} sums to 24 -> mean 24/9
        assertEquals((0 - 24f / 9) / 2, out[0], 1e-6);
        // (0,1): rows {1,0,1} x cols {0,1,2} sums to 27 -> mean 3
        assertEquals((1 - 3f) / 2, out[1], 1e-6);
        // centre: the whole plane, mean 4
        assertEquals(0f, out[4], 1e-6);
        // (2,2): rows {1,2,1} x cols {1,2,1}: mean of 3r+c = 3*4/3 + 4/3 = 16/3
        assertEquals((8 - 16f / 3) / 2, out[8], 1e-6);
    }

    @Test
    void aConstantImageNormalisesToZero() {
        float[] plane = new float[20 * 10];
        java.util.Arrays.fill(plane, 7f);
        float[] out = new LocalMeanNormalizer(5).normalize(plane, 20, 10, 7f);
        assertArrayEquals(new float[plane.length], out, 1e-7f);
    }

    @Test
    void planesSmallerThanTheWindowReflectAgain() {
        assertEquals(1, LocalMeanNormalizer.reflect(-1, 3));
        assertEquals(2, LocalMeanNormalizer.reflect(-2, 3));
        assertEquals(1, LocalMeanNormalizer.reflect(3, 3));
        assertEquals(0, LocalMeanNormalizer.reflect(4, 3));
        assertEquals(1, LocalMeanNormalizer.reflect(5, 3));
        assertEquals(0, LocalMeanNormalizer.reflect(7, 1));
        float[] out = new LocalMeanNormalizer(61).normalize(new float[] {1, 2, 3, 4}, 2, 2, 1f);
        assertEquals(4, out.length);
    }

    @Test
    void aTileWithItsHaloEqualsTheWholeImageBitForBit() {
        int width = 53;
        int height = 41;
        int window = 9;
        int halo = window / 2;
        float[] image = new float[width * height];
        Random random = new Random(7);
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextFloat() * 1000;
        }
        LocalMeanNormalizer normalizer = new LocalMeanNormalizer(window);
        float median = LocalMeanNormalizer.median(image);
        float[] whole = normalizer.normalize(image, width, height, median);

        assertTileEquals(image, whole, width, normalizer, median, 20, 12, 18, 15, halo, height); // interior
        assertTileEquals(image, whole, width, normalizer, median, 0, 0, 16, 10, halo, height);  // top-left corner
        assertTileEquals(image, whole, width, normalizer, median, 40, 30, 13, 11, halo, height); // bottom-right
    }

    private static void assertTileEquals(float[] image, float[] whole, int width, LocalMeanNormalizer n,
                                         float median, int x0, int y0, int tw, int th, int halo, int height) {
        int hx0 = Math.max(0, x0 - halo);
        int hy0 = Math.max(0, y0 - halo);
        int hx1 = Math.min(width, x0 + tw + halo);
        int hy1 = Math.min(height, y0 + th + halo);
        int hw = hx1 - hx0;
        int hh = hy1 - hy0;
        float[] tile = new float[hw * hh];
        for (int y = 0; y < hh; y++) {
            System.arraycopy(image, (hy0 + y) * width + hx0, tile, y * hw, hw);
        }
        float[] out = n.normalize(tile, hw, hh, median);
        for (int y = y0; y < y0 + th; y++) {
            for (int x = x0; x < x0 + tw; x++) {
                assertEquals(whole[y * width + x], out[(y - hy0) * hw + (x - hx0)], 0f, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void refusesAnEvenWindowAndAMismatchedPlane() {
        assertThrows(IllegalArgumentException.class, () -> new LocalMeanNormalizer(4));
        assertThrows(IllegalArgumentException.class,
                () -> new LocalMeanNormalizer(3).normalize(new float[5], 2, 2, 1f));
    }
}
