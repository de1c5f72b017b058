package org.labscale.segmentation.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;

class DistanceTransformWatershedTest {

    /** Discs of radius r at the given centres, as a foreground probability 0.9 inside, 0.1 outside. */
    private static float[] discs(int w, int h, int r, int... centres) {
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * w + x] = 0.1f;
                for (int c = 0; c < centres.length; c += 2) {
                    if ((x - centres[c]) * (x - centres[c]) + (y - centres[c + 1]) * (y - centres[c + 1]) <= r * r) {
                        p[y * w + x] = 0.9f;
                    }
                }
            }
        }
        return p;
    }

    @Test
    void theDistanceTransformIsExact() {
        boolean[] mask = new boolean[5 * 5];
        java.util.Arrays.fill(mask, true);
        mask[0] = false; // (0, 0) is the only background pixel
        float[] d = DistanceTransformWatershed.distance(mask, 5, 5);
        assertEquals(0f, d[0]);
        assertEquals(1f, d[1]);
        assertEquals((float) Math.sqrt(2), d[6]);
        assertEquals(5f, d[4 * 5 + 3]); // (3, 4): 3-4-5
    }

    @Test
    void twoTouchingDiscsArePartedAtTheirNeck() {
        int w = 60;
        int h = 30;
        LabelImage cells = new DistanceTransformWatershed(0.5, 2).segment(discs(w, h, 9, 20, 15, 36, 15), w, h);
        assertEquals(2, cells.maxLabel());
        assertEquals(1, cells.get(20, 15));
        assertEquals(2, cells.get(36, 15));
        // The neck is where the two circles cross, x = 28.
        assertEquals(1, cells.get(27, 15));
        assertEquals(2, cells.get(29, 15));
        assertEquals(0, cells.get(2, 2));
    }

    @Test
    void aShallowNeckKeepsOneObjectAndSeparateDiscsStaySeparate() {
        int w = 80;
        int h = 30;
        // Centres 6 px apart: the union is a slightly waisted blob with a neck well under h = 2 below the peaks.
        LabelImage blob = new DistanceTransformWatershed(0.5, 2).segment(discs(w, h, 9, 20, 15, 26, 15), w, h);
        assertEquals(1, blob.maxLabel());
        LabelImage apart = new DistanceTransformWatershed(0.5, 2).segment(discs(w, h, 6, 10, 15, 40, 15, 70, 15),
                w, h);
        assertEquals(3, apart.maxLabel());
        assertNotEquals(apart.get(10, 15), apart.get(40, 15));
    }

    @Test
    void refusesSettingsThatMeanNothing() {
        assertThrows(IllegalArgumentException.class, () -> new DistanceTransformWatershed(1.0, 2));
        assertThrows(IllegalArgumentException.class, () -> new DistanceTransformWatershed(0.5, 0));
    }
}
