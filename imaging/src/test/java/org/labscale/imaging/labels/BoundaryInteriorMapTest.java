package org.labscale.imaging.labels;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BoundaryInteriorMapTest {

    @Test
    void shouldMarkPixelsTouchingBackgroundOrAnotherCellAsBoundary() {
        int[][] instances = {
                {0, 0, 0, 0, 0, 0},
                {0, 1, 1, 1, 2, 2},
                {0, 1, 1, 1, 2, 2},
                {0, 1, 1, 1, 2, 2},
                {0, 0, 0, 0, 0, 0},
        };
        // Cell 2's pixel at the right image edge stays interior: outside the image is not background.
        int[][] expected = {
                {0, 0, 0, 0, 0, 0},
                {0, 1, 1, 1, 1, 1},
                {0, 1, 2, 1, 1, 2},
                {0, 1, 1, 1, 1, 1},
                {0, 0, 0, 0, 0, 0},
        };
        assertArrayEquals(expected,
                BoundaryInteriorMap.fromInstances(LabelImage.ofRows(instances), Connectivity.EIGHT).toRows());
    }

    @Test
    void shouldCountDiagonalContactOnlyWithEightNeighbourhood() {
        int[][] instances = {
                {3, 3, 3},
                {3, 3, 3},
                {3, 3, 0},
        };
        assertArrayEquals(new int[][]{{2, 2, 2}, {2, 1, 1}, {2, 1, 0}},
                BoundaryInteriorMap.fromInstances(LabelImage.ofRows(instances), Connectivity.EIGHT).toRows());
        assertArrayEquals(new int[][]{{2, 2, 2}, {2, 2, 1}, {2, 1, 0}},
                BoundaryInteriorMap.fromInstances(LabelImage.ofRows(instances), Connectivity.FOUR).toRows());
    }

    @Test
    void shouldGiveEachCellTypeItsOwnInteriorClass() {
        int[][] instances = {
                {1, 1, 1, 0, 2, 2, 2},
                {1, 1, 1, 0, 2, 2, 2},
                {1, 1, 1, 0, 2, 2, 2},
        };
        // Label 1 is an NIH-3T3 cell (class 2), label 2 an MCF10A cell (class 3).
        int[][] expected = {
                {2, 2, 1, 0, 1, 3, 3},
                {2, 2, 1, 0, 1, 3, 3},
                {2, 2, 1, 0, 1, 3, 3},
        };
        assertArrayEquals(expected, BoundaryInteriorMap.fromInstances(LabelImage.ofRows(instances),
                Connectivity.EIGHT, label -> label == 1 ? 2 : 3).toRows());
        assertThrows(IllegalArgumentException.class, () -> BoundaryInteriorMap.fromInstances(
                LabelImage.ofRows(instances), Connectivity.EIGHT, label -> 1));
    }

    @Test
    void shouldTurnEveryKindOfMaskIntoItsClassMap() {
        // Two touching cells: as instances they are separate; the same shape as a binary mask is one object.
        int[][] instances = {
                {0, 0, 0, 0, 0},
                {0, 1, 1, 2, 2},
                {0, 1, 1, 2, 2},
                {0, 1, 1, 2, 2},
        };
        // Pixels at the image edge that touch only their own cell stay interior.
        assertArrayEquals(new int[][]{
                {0, 0, 0, 0, 0},
                {0, 1, 1, 1, 1},
                {0, 1, 1, 1, 2},
                {0, 1, 1, 1, 2},
        }, BoundaryInteriorMap.classMap(LabelImage.ofRows(instances), LabelKind.INSTANCE_MASK).toRows());
        int[][] binary = {
                {0, 0, 0, 0, 0},
                {0, 255, 255, 255, 255},
                {0, 255, 255, 255, 255},
                {0, 255, 255, 255, 255},
        };
        assertArrayEquals(new int[][]{
                {0, 0, 0, 0, 0},
                {0, 1, 1, 1, 1},
                {0, 1, 2, 2, 2},
                {0, 1, 2, 2, 2},
        }, BoundaryInteriorMap.classMap(LabelImage.ofRows(binary), LabelKind.BINARY_MASK).toRows());
        LabelImage classes = LabelImage.ofRows(new int[][]{{0, 1, 2, 3}});
        assertEquals(classes, BoundaryInteriorMap.classMap(classes, LabelKind.CLASS_MAP));
    }
}
