package org.labscale.tracking.link;

import org.labscale.tracking.lap.LapjvSparse;
import org.labscale.tracking.lap.SparseCostMatrix;
import org.labscale.tracking.lap.SparseCostMatrixBuilder;

/**
 * Assigns sources to targets with the option of leaving either unassigned, by the block matrix of Jaqaman et al.,
 * "Robust single-particle tracking in live-cell time-lapse sequences", Nature Methods 5:695-702 (2008), Fig 1b-c, in
 * TrackMate's sparse form:
 * <pre>
 *   [ C (rows x cols)         A_r (diagonal, rows) ]
 *   [ A_c (diagonal, cols)    B = pattern of C^T   ]
 * </pre>
 * {@code C} holds the candidate costs, {@code A_r} and {@code A_c} the alternative cost (a source ends, a target
 * starts) on their diagonals only, and {@code B} the alternative cost where {@code C^T} has entries, so that every
 * candidate left out by the top-left block can be "balanced" by the bottom-right one. Absent entries are forbidden.
 */
final class JaqamanAssignment {

    private JaqamanAssignment() {
    }

    /**
     * @param rows            number of sources
     * @param cols            number of targets
     * @param count           number of candidates in {@code entryRow}, {@code entryCol} and {@code entryCost}
     * @param alternativeCost the cost of leaving a source or a target unassigned
     * @return for each source the target assigned to it, or -1
     */
    static int[] assign(int rows, int cols, int[] entryRow, int[] entryCol, double[] entryCost, int count,
                        double alternativeCost) {
        int size = rows + cols;
        SparseCostMatrixBuilder builder = new SparseCostMatrixBuilder(2 * count + size);
        for (int k = 0; k < count; k++) {
            builder.add(entryRow[k], entryCol[k], entryCost[k]);
            builder.add(rows + entryCol[k], cols + entryRow[k], alternativeCost);
        }
        for (int i = 0; i < rows; i++) {
            builder.add(i, cols + i, alternativeCost);
        }
        for (int j = 0; j < cols; j++) {
            builder.add(rows + j, j, alternativeCost);
        }
        SparseCostMatrix matrix = builder.build(size);
        int[] solution = LapjvSparse.solve(matrix);
        int[] result = new int[rows];
        for (int i = 0; i < rows; i++) {
            result[i] = solution[i] < cols ? solution[i] : -1;
        }
        return result;
    }
}
