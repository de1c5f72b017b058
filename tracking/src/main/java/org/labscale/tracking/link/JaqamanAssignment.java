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
 * {@code C} holds the candidate costs, {@code A_r} and {@code A_c} the alternative cost {@code a} (a source ends, a
 * target starts) on their diagonals only, and {@code B} holds {@code a} where {@code C^T} has entries.
 *
 * <p>The lower half only balances the matrix: whatever set {@code M} of candidates an assignment takes, the lower rows
 * then cost {@code a} per target either way (its start, or the {@code B} entry of its link), so the total is
 * {@code sum(M) + a (rows - |M|) + a cols}. The upper half alone, {@code [C | A_r]}, costs
 * {@code sum(M) + a (rows - |M|)}: the same up to the constant {@code a cols}, hence the same optimal links. It is
 * solved as a rectangular problem: half the size, and without the lower half's plateau of equal costs, on which a
 * shortest-path search would wander through the whole frame.
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
        SparseCostMatrixBuilder builder = new SparseCostMatrixBuilder(count + rows);
        for (int k = 0; k < count; k++) {
            builder.add(entryRow[k], entryCol[k], entryCost[k]);
        }
        for (int i = 0; i < rows; i++) {
            builder.add(i, cols + i, alternativeCost);
        }
        SparseCostMatrix matrix = builder.build(rows, cols + rows);
        int[] solution = LapjvSparse.solve(matrix);
        int[] result = new int[rows];
        for (int i = 0; i < rows; i++) {
            result[i] = solution[i] < cols ? solution[i] : -1;
        }
        return result;
    }
}
