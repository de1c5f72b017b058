package org.labscale.segmentation.postprocess;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.labscale.imaging.labels.LabelImage;

/** Which reference cell each seed belongs to: the cell it overlaps most (a seed counts once). */
final class SeedAssignment {

    private SeedAssignment() {
    }

    /** For seeds 1..N (index 0 unused): the reference label each overlaps most, 0 for background, -1 for none. */
    static int[] bestCells(LabelImage reference, LabelImage seeds) {
        int[] r = reference.toArray();
        int[] s = seeds.toArray();
        Map<Long, Integer> overlap = new HashMap<>();
        for (int i = 0; i < r.length; i++) {
            if (s[i] != 0) {
                overlap.merge((long) s[i] << 32 | r[i], 1, Integer::sum);
            }
        }
        int[] bestCell = new int[seeds.maxLabel() + 1];
        Arrays.fill(bestCell, -1);
        int[] bestPixels = new int[seeds.maxLabel() + 1];
        overlap.forEach((key, pixels) -> {
            int seed = (int) (key >>> 32);
            if (pixels > bestPixels[seed]) {
                bestPixels[seed] = pixels;
                bestCell[seed] = (int) (long) key;
            }
        });
        return bestCell;
    }

    /** For each reference cell, how many seeds overlap it more than any other cell (index 0: background). */
    static int[] seedsPerCell(LabelImage reference, LabelImage seeds) {
        int[] perCell = new int[reference.maxLabel() + 1];
        int[] bestCell = bestCells(reference, seeds);
        for (int seed = 1; seed < bestCell.length; seed++) {
            if (bestCell[seed] >= 0) {
                perCell[bestCell[seed]]++;
            }
        }
        return perCell;
    }
}
