package org.labscale.segmentation.postprocess;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ThresholdTest {

    @Test
    void shouldLabelPixelsAboveTheThresholdAsEightConnectedCells() {
        float[] p = Grids.floats(new double[][]{
                {0.0, 0.7, 0.7, 0.0, 0.0},
                {0.0, 0.7, 0.6, 0.0, 0.9},
                {0.0, 0.0, 0.0, 0.61, 0.0},
                {0.8, 0.0, 0.0, 0.0, 0.0}});
        LabelImage cells = new InteriorThreshold(0.6).segment(p, 5, 4);
        assertArrayEquals(new int[][]{
                {0, 1, 1, 0, 0},
                {0, 1, 0, 0, 2},
                {0, 0, 0, 2, 0},
                {3, 0, 0, 0, 0}}, cells.toRows(), "0.6 itself is not above the threshold; diagonals join");
    }

    @Test
    void shouldRefuseAThresholdOutsideTheOpenUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new InteriorThreshold(1.0));
        assertThrows(IllegalArgumentException.class, () -> new InteriorThreshold(0.0));
    }

    @Test
    void shouldFindDimNucleiThatAGlobalThresholdMisses() {
        float[] p = Grids.floats(new double[][]{
                {.05, .05, .05, .05, .05, .05, .05, .05, .05},
                {.05, 0.3, 0.3, .05, .05, .05, 0.9, 0.9, .05},
                {.05, 0.3, 0.3, .05, .05, .05, 0.9, 0.9, .12},
                {.05, .05, .05, .05, .05, .05, .05, .05, .05},
                {.05, .05, .05, .05, .05, .05, .05, .05, .05}});
        int[][] bright = {
                {0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 1, 1, 0},
                {0, 0, 0, 0, 0, 0, 1, 1, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0}};
        assertArrayEquals(bright, new InteriorThreshold(0.5).segment(p, 9, 5).toRows());
        // Window 5: the dim nucleus is 0.19 above its local mean; the 0.12 pixel passes the floor of 0.1 but lies
        // below its local mean (0.28, next to the bright nucleus); flat background is under the floor.
        assertArrayEquals(new int[][]{
                {0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 1, 1, 0, 0, 0, 2, 2, 0},
                {0, 1, 1, 0, 0, 0, 2, 2, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0}}, new AdaptiveThreshold(5, 0.05, 0.1).segment(p, 9, 5).toRows());
    }

    @Test
    void shouldRefuseAnEvenAdaptiveWindow() {
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveThreshold(4, 0, 0));
    }
}
