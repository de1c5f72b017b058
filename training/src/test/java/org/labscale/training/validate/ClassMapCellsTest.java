package org.labscale.training.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.BoundaryInteriorMap;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.segmentation.score.InstanceScoring;

class ClassMapCellsTest {

    @Test
    void recoversTheAnnotatedCellsWithTheirBoundaryRingFromTheClassMap() {
        int w = 40;
        int h = 30;
        int[] labels = new int[w * h];
        fill(labels, w, 2, 2, 10, 9, 1);    // alone
        fill(labels, w, 15, 5, 22, 14, 2);  // touches cell 3 along x = 22 | 23
        fill(labels, w, 23, 5, 30, 14, 3);
        fill(labels, w, 5, 18, 30, 27, 4);  // large
        LabelImage instances = LabelImage.of(w, h, labels);
        LabelImage cells = ClassMapCells.of(BoundaryInteriorMap.fromInstances(instances, Connectivity.EIGHT));

        ImageScores scores = InstanceScoring.score(instances, cells);
        assertEquals(4, scores.referenceCells());
        assertEquals(4, scores.segmentedCells());
        assertEquals(1.0, scores.meanJaccard(), 1e-12, "every pixel back in its own cell");
    }

    private static void fill(int[] labels, int w, int x0, int y0, int x1, int y1, int label) {
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                labels[y * w + x] = label;
            }
        }
    }
}
