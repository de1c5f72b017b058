package org.labscale.imaging.labels;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectedComponentLabelingTest {

    private static final int[][] MASK = {
            {1, 1, 0, 0, 0},
            {0, 0, 1, 0, 0},
            {0, 0, 0, 0, 9},
            {9, 9, 0, 0, 9},
    };

    @Test
    void shouldJoinDiagonalNeighboursWithEightConnectivity() {
        int[][] expected = {
                {1, 1, 0, 0, 0},
                {0, 0, 1, 0, 0},
                {0, 0, 0, 0, 2},
                {3, 3, 0, 0, 2},
        };
        assertArrayEquals(expected, ConnectedComponentLabeling.label(LabelImage.ofRows(MASK), Connectivity.EIGHT)
                .toRows());
    }

    @Test
    void shouldSeparateDiagonalNeighboursWithFourConnectivity() {
        int[][] expected = {
                {1, 1, 0, 0, 0},
                {0, 0, 2, 0, 0},
                {0, 0, 0, 0, 3},
                {4, 4, 0, 0, 3},
        };
        assertArrayEquals(expected, ConnectedComponentLabeling.label(LabelImage.ofRows(MASK), Connectivity.FOUR)
                .toRows());
    }

    @Test
    void shouldMergeProvisionalLabelsThatMeetLater() {
        // A U and a W shape: each arm gets its own provisional label until the bottom row joins them.
        int[][] mask = {
                {1, 0, 1, 0, 1, 0, 1},
                {1, 0, 1, 0, 1, 0, 1},
                {1, 1, 1, 0, 1, 1, 1},
                {0, 0, 0, 0, 0, 0, 0},
        };
        int[][] expected = {
                {1, 0, 1, 0, 2, 0, 2},
                {1, 0, 1, 0, 2, 0, 2},
                {1, 1, 1, 0, 2, 2, 2},
                {0, 0, 0, 0, 0, 0, 0},
        };
        assertArrayEquals(expected, ConnectedComponentLabeling.label(LabelImage.ofRows(mask), Connectivity.FOUR)
                .toRows());
        assertEquals(2, ConnectedComponentLabeling.count(LabelImage.ofRows(mask), Connectivity.EIGHT));
    }

    @Test
    void shouldLabelManyComponentsBeyondTheInitialTableSize() {
        // Checkerboard under 4-connectivity: every foreground pixel is its own component (grows the union table).
        int n = 40;
        int[] data = new int[n * n];
        for (int i = 0; i < data.length; i++) {
            data[i] = ((i % n) + (i / n)) % 2;
        }
        LabelImage board = LabelImage.of(n, n, data);
        assertEquals(n * n / 2, ConnectedComponentLabeling.count(board, Connectivity.FOUR));
        assertEquals(1, ConnectedComponentLabeling.count(board, Connectivity.EIGHT));
    }
}
