package org.labscale.training.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;

/** The one-pixel moves the bacteria study measures the annotation's outline convention with. */
class CellErrorAnatomyTest {

    private static final LabelImage TWO_CELLS = LabelImage.ofRows(new int[][] {
            {0, 0, 0, 0, 0, 0},
            {0, 1, 1, 2, 2, 0},
            {0, 1, 1, 2, 2, 0},
            {0, 0, 0, 0, 0, 0}});

    @Test
    void shouldErodeEveryOutlineByOnePixelContactsIncluded() {
        assertArrayEquals(new int[24], CellErrorAnatomy.erode(TWO_CELLS).toArray(), "2-px cells vanish");
        LabelImage square = LabelImage.ofRows(new int[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}});
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, CellErrorAnatomy.erode(square).toArray(),
                "the image's own edge is no outline");
    }

    @Test
    void shouldDilateIntoTheBackgroundOnly() {
        assertArrayEquals(new int[] {
                0, 1, 1, 2, 2, 0,
                1, 1, 1, 2, 2, 2,
                1, 1, 1, 2, 2, 2,
                0, 1, 1, 2, 2, 0}, CellErrorAnatomy.dilate(TWO_CELLS).toArray());
    }

    @Test
    void shouldMoveTheContactBetweenTouchingCellsOnly() {
        assertArrayEquals(new int[] {
                0, 0, 0, 0, 0, 0,
                0, 1, 2, 2, 2, 0,
                0, 1, 2, 2, 2, 0,
                0, 0, 0, 0, 0, 0}, CellErrorAnatomy.shiftContacts(TWO_CELLS).toArray());
    }
}
