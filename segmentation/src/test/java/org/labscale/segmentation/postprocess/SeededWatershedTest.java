package org.labscale.segmentation.postprocess;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SeededWatershedTest {

    private static final float[] TWO_PEAKS = Grids.floats(new double[][]{
            {0, 0.00, 0.0, 0.0, 0.00, 0.00, 0.0},
            {0, 0.95, 0.8, 0.7, 0.85, 0.95, 0.0},
            {0, 0.00, 0.0, 0.0, 0.00, 0.00, 0.0},
            {0, 0.00, 0.0, 0.0, 0.00, 0.00, 0.7}});

    @Test
    void shouldSplitTouchingCellsAtTheSaddleOfTheInteriorProbability() {
        // A threshold alone merges the two peaks.
        assertEquals(2, new InteriorThreshold(0.5).segment(TWO_PEAKS, 7, 4).maxLabel());
        // The saddle (0.7) is reached first from the right (0.85 floods before 0.8), so it joins the right cell;
        // the lone 0.7 pixel has no core and is kept as its own cell.
        assertArrayEquals(new int[][]{
                {0, 0, 0, 0, 0, 0, 0},
                {0, 1, 1, 2, 2, 2, 0},
                {0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 3}}, new SeededWatershed(0.5, 0.9).segment(TWO_PEAKS, 7, 4).toRows());
    }

    @Test
    void shouldBehaveAsAThresholdWhenEveryCellHasOneCore() {
        assertArrayEquals(new InteriorThreshold(0.5).segment(TWO_PEAKS, 7, 4).toRows(),
                new SeededWatershed(0.5, 0.96).segment(TWO_PEAKS, 7, 4).toRows(), "no cores: components");
    }

    @Test
    void shouldRefuseASeedLevelBelowTheThreshold() {
        assertThrows(IllegalArgumentException.class, () -> new SeededWatershed(0.6, 0.5));
    }
}
