package org.labscale.segmentation.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;

/** Two domes in one nucleus are parted at their seam; neighbouring nuclei with one dome each are left alone. */
class PeakPartingTest {

    private static final int W = 40;
    private static final int H = 20;

    @Test
    void shouldPartANucleusWithTwoDomesAtTheSeam() {
        int[] one = new int[W * H];
        for (int y = 4; y < 16; y++) {
            for (int x = 4; x < 36; x++) {
                one[y * W + x] = 1;
            }
        }
        LabelImage parted = PeakParting.part(domes(12, 28), LabelImage.of(W, H, one), 0.1);

        assertEquals(2, parted.maxLabel());
        assertNotEquals(parted.get(12, 10), parted.get(28, 10));
        assertEquals(parted.get(12, 10), parted.get(19, 10), "the seam is at x 20");
        assertEquals(parted.get(28, 10), parted.get(21, 10));
    }

    @Test
    void shouldLeaveNucleiWithOnePeakEachAsTheyAre() {
        int[] two = new int[W * H];
        for (int y = 4; y < 16; y++) {
            for (int x = 4; x < 36; x++) {
                two[y * W + x] = x < 20 ? 1 : 2;
            }
        }
        LabelImage nuclei = LabelImage.of(W, H, two);

        assertEquals(nuclei, PeakParting.part(domes(12, 28), nuclei, 0.1));
    }

    /** Two Gaussian domes on the row y 10, 1 (log units) high, a seam 0.4 lower between them. */
    private static float[] domes(int x1, int x2) {
        float[] plane = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double d1 = (x - x1) * (x - x1) + (y - 10) * (y - 10);
                double d2 = (x - x2) * (x - x2) + (y - 10) * (y - 10);
                plane[y * W + x] = (float) (Math.exp(-d1 / 50) + Math.exp(-d2 / 50));
            }
        }
        return plane;
    }
}
