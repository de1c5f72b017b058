package org.labscale.training.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.BoundaryInteriorMap;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.training.data.TrainingImage;

class CellSizeCheckTest {

    /** 64x64 with nine disjoint 10x10 cells (area 100: equivalent diameter 11.28 px), as a training class map. */
    private static TrainingImage nineSquares() {
        int size = 64;
        int[] labels = new int[size * size];
        int label = 0;
        for (int cy = 0; cy < 3; cy++) {
            for (int cx = 0; cx < 3; cx++) {
                label++;
                for (int y = 4 + cy * 20; y < 14 + cy * 20; y++) {
                    for (int x = 4 + cx * 20; x < 14 + cx * 20; x++) {
                        labels[y * size + x] = label;
                    }
                }
            }
        }
        int[] classes = BoundaryInteriorMap.fromInstances(LabelImage.of(size, size, labels), Connectivity.EIGHT)
                .toArray();
        byte[] bytes = new byte[classes.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) classes[i];
        }
        return new TrainingImage("squares", size, size, new float[][]{new float[size * size]}, bytes);
    }

    @Test
    void measuresTheAnnotatedCellsFromTheClassMap() {
        CellSizeCheck.Result r = CellSizeCheck.check(List.of(nineSquares(), nineSquares()), 15);
        assertEquals(18, r.cells());
        assertEquals(2 * Math.sqrt(100 / Math.PI), r.medianDiameter(), 1e-9, "boundary ring grown back");
        assertEquals(15 / r.medianDiameter(), r.ratio(), 1e-9);
        assertTrue(r.warning().isEmpty(), "15 px is 1.33 diameters");
    }

    @Test
    void warnsWhenTheReceptiveFieldIsFarFromOneCellDiameter() {
        CellSizeCheck.Result large = CellSizeCheck.check(List.of(nineSquares()), 61);
        assertTrue(large.warning().orElseThrow().startsWith("The net's receptive field (61 px) is 5.41 times the"
                + " median diameter of the 9 annotated cells (11.3 px)"), large.warning().orElseThrow());
        assertTrue(large.warning().orElseThrow().contains("a patch sees many cells"));
        assertTrue(CellSizeCheck.check(List.of(nineSquares()), 33).warning().isEmpty(), "2.93 diameters");
        assertTrue(CellSizeCheck.check(List.of(nineSquares()), 35).warning().isPresent(), "3.10 diameters");
        assertTrue(CellSizeCheck.check(List.of(nineSquares()), 7).warning().isEmpty(), "0.62 diameters");
        CellSizeCheck.Result small = CellSizeCheck.check(List.of(nineSquares()), 5);
        assertTrue(small.warning().orElseThrow().contains("a patch sees only part of a cell"));
    }

    @Test
    void saysNothingWithoutCells() {
        TrainingImage empty = new TrainingImage("empty", 8, 8, new float[][]{new float[64]}, new byte[64]);
        CellSizeCheck.Result r = CellSizeCheck.check(List.of(empty), 61);
        assertEquals(0, r.cells());
        assertTrue(r.warning().isEmpty());
    }
}
