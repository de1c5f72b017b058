package org.labscale.imaging.resample;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PixelSizeResamplerTest {

    private static final int[][] CELLS = {
            {0, 1, 1},
            {2, 0, 3},
    };

    @Test
    void shouldCopyEveryLabelIntoABlockWhenEnlargingTwice() {
        int[][] expected = {
                {0, 0, 1, 1, 1, 1},
                {0, 0, 1, 1, 1, 1},
                {2, 2, 0, 0, 3, 3},
                {2, 2, 0, 0, 3, 3},
        };
        assertArrayEquals(expected, PixelSizeResampler.labels(LabelImage.ofRows(CELLS), 6, 4).toRows());
    }

    @Test
    void shouldGiveTheSourceBackWhenShrinkingWhatItEnlarged() {
        LabelImage source = LabelImage.ofRows(CELLS);
        for (int k = 2; k <= 5; k++) {
            LabelImage big = PixelSizeResampler.labels(source, 3 * k, 2 * k);
            assertEquals(source, PixelSizeResampler.labels(big, 3, 2), "factor " + k);
        }
    }

    @Test
    void shouldPickTheLabelUnderEachTargetCentreWhenShrinking() {
        int[][] source = {
                {1, 1, 2, 2, 0, 3},
                {1, 1, 2, 2, 0, 3},
        };
        // centres of 3 target pixels fall on source columns 1, 3 and 5
        assertArrayEquals(new int[][] {{1, 2, 3}}, PixelSizeResampler.labels(LabelImage.ofRows(source), 3, 1)
                .toRows());
    }

    @Test
    void shouldKeepClassValuesAsTheyAre() {
        int[][] classMap = {
                {0, 1, 2},
                {2, 1, 0},
        };
        int[][] out = PixelSizeResampler.labels(LabelImage.ofRows(classMap), 5, 3).toRows();
        for (int[] row : out) {
            for (int v : row) {
                assertEquals(true, v >= 0 && v <= 2);
            }
        }
        assertArrayEquals(new int[] {0, 0, 1, 2, 2}, out[0]);
        assertArrayEquals(new int[] {2, 2, 1, 0, 0}, out[2]);
    }

    @Test
    void shouldRenumberInstancesThatSurviveInTheirOrder() {
        int[][] source = {
                {4, 4, 7, 0},
                {4, 4, 0, 9},
        };
        // label 7 and 9 are single pixels; halving keeps columns 1 and 3 of row 1: labels 4 and 9
        assertArrayEquals(new int[][] {{1, 2}}, PixelSizeResampler.instances(LabelImage.ofRows(source), 2, 1)
                .toRows());
        int[][] kept = {
                {0, 5},
                {8, 0},
        };
        assertArrayEquals(new int[][] {{0, 0, 1, 1}, {0, 0, 1, 1}, {2, 2, 0, 0}, {2, 2, 0, 0}},
                PixelSizeResampler.instances(LabelImage.ofRows(kept), 4, 4).toRows());
    }

    @Test
    void shouldInterpolateLinearlyBetweenPixelCentresWhenEnlarging() {
        FloatPlane row = new FloatPlane(2, 1, new float[] {0, 4});
        // target centres at source positions -0.25, 0.25, 0.75, 1.25 (edges held)
        assertArrayEquals(new float[] {0, 1, 3, 4}, PixelSizeResampler.intensities(row, 4, 1).pixels(), 1e-6f);
        FloatPlane column = new FloatPlane(1, 2, new float[] {0, 4});
        assertArrayEquals(new float[] {0, 1, 3, 4}, PixelSizeResampler.intensities(column, 1, 4).pixels(), 1e-6f);
    }

    @Test
    void shouldAverageTheCoveredPixelsWhenShrinking() {
        FloatPlane plane = new FloatPlane(4, 2, new float[] {1, 3, 5, 7, 3, 5, 7, 9});
        assertArrayEquals(new float[] {3, 7}, PixelSizeResampler.intensities(plane, 2, 1).pixels(), 1e-6f);
        // a third of a pixel shrunk: 3 source pixels to 2, the middle one shared half and half
        FloatPlane three = new FloatPlane(3, 1, new float[] {0, 3, 6});
        assertArrayEquals(new float[] {1, 5}, PixelSizeResampler.intensities(three, 2, 1).pixels(), 1e-5f);
    }

    @Test
    void shouldKeepAConstantImageConstantAtAnySize() {
        float[] values = new float[7 * 5];
        java.util.Arrays.fill(values, 42.5f);
        FloatPlane plane = new FloatPlane(7, 5, values);
        for (int[] size : new int[][] {{3, 2}, {13, 11}, {7, 9}, {1, 1}}) {
            for (float v : PixelSizeResampler.intensities(plane, size[0], size[1]).pixels()) {
                assertEquals(42.5f, v, 1e-4f);
            }
        }
    }

    @Test
    void shouldAnswerTheSameObjectAtTheSameSize() {
        FloatPlane plane = new FloatPlane(2, 2, new float[] {1, 2, 3, 4});
        assertSame(plane, PixelSizeResampler.intensities(plane, 2, 2));
        LabelImage labels = LabelImage.ofRows(CELLS);
        assertSame(labels, PixelSizeResampler.labels(labels, 3, 2));
    }

    @Test
    void shouldRoundSizesAndRefuseAbsurdFactors() {
        assertEquals(2.0, PixelSizeResampler.factor(0.26, 0.13), 1e-12);
        assertEquals(600, PixelSizeResampler.size(300, 2.0));
        assertEquals(150, PixelSizeResampler.size(300, 0.5));
        assertEquals(1, PixelSizeResampler.size(3, 0.1));
        assertEquals(334, PixelSizeResampler.size(1002, 1 / 3.0));
        assertThrows(IllegalArgumentException.class, () -> PixelSizeResampler.size(10, 100));
        assertThrows(IllegalArgumentException.class, () -> PixelSizeResampler.size(10, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PixelSizeResampler.factor(0, 1));
        assertThrows(IllegalArgumentException.class, () -> PixelSizeResampler.factor(1, Double.POSITIVE_INFINITY));
    }

    @Test
    void shouldRefuseToEnlargeBeyondTheLimitButAlwaysShrink() {
        assertTrue(PixelSizeResampler.refusal(4096, 4096, 4).isEmpty()); // 16,384 x 16,384: exactly the limit
        String why = PixelSizeResampler.refusal(4096, 4096, 4.01).orElseThrow();
        assertTrue(why.startsWith("resampled by a factor of 4.01 the 4096 x 4096 px image would be 16425 x 16425"),
                why);
        assertTrue(PixelSizeResampler.refusal(30_000, 30_000, 0.5).isEmpty());
        assertTrue(PixelSizeResampler.refusal(100, 100, 100).orElseThrow().contains("outside 1/64 to 64"));
    }
}
