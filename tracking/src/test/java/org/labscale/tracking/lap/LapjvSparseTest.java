package org.labscale.tracking.lap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LapjvSparseTest {

    @Test
    void shouldMatchBruteForceOnRandomSquareAndRectangularSparseInstances() {
        Random random = new Random(42);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(7);
            int extraColumns = trial % 2 == 0 ? 0 : random.nextInt(4);
            double density = 0.2 + 0.8 * random.nextDouble();
            SparseCostMatrix m = randomFeasible(random, n, n + extraColumns, density, trial % 3 == 0);
            int[] assignment = LapjvSparse.solve(m);
            assertIsPermutationOfEntries(m, assignment);
            double best = bruteForce(m);
            assertEquals(best, LapjvSparse.cost(m, assignment), 1e-9, "trial " + trial + ", n = " + n);
        }
    }

    @Test
    void shouldSolveADenseThreeByThreeByHand() {
        // Row-wise greedy takes 0->0 (1), 1->2 (9), 2->1 (9) = 19; the optimum is 0->1, 1->0, 2->2 = 2 + 1 + 4.
        double[][] c = {{1, 2, 9}, {1, 10, 9}, {9, 9, 4}};
        List<int[]> idx = new ArrayList<>();
        List<Double> costs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                idx.add(new int[] {i, j});
                costs.add(c[i][j]);
            }
        }
        SparseCostMatrix m = matrix(3, idx, costs);
        assertArrayEquals(new int[] {1, 0, 2}, LapjvSparse.solve(m));
        assertEquals(7.0, LapjvSparse.cost(m, LapjvSparse.solve(m)));
    }

    @Test
    void shouldRejectAMatrixWithoutAPerfectAssignment() {
        // Rows 0 and 1 can only take column 0.
        SparseCostMatrix m = SparseCostMatrix.of(2, new int[] {0, 1, 0}, new int[] {0, 0, 1}, new double[] {1, 1, 1});
        SparseCostMatrix noEntryInColumn = SparseCostMatrix.of(2, new int[] {0, 1}, new int[] {0, 0},
                new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> LapjvSparse.solve(noEntryInColumn));
        SparseCostMatrix blocked = SparseCostMatrix.of(3, new int[] {0, 1, 2, 2}, new int[] {0, 0, 1, 2},
                new double[] {1, 1, 1, 1});
        assertThrows(IllegalArgumentException.class, () -> LapjvSparse.solve(blocked));
        assertArrayEquals(new int[] {1, 0}, LapjvSparse.solve(m));
    }

    @Test
    void shouldRejectDuplicateAndNonFiniteEntries() {
        assertThrows(IllegalArgumentException.class,
                () -> SparseCostMatrix.of(2, new int[] {0, 0}, new int[] {1, 1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> SparseCostMatrix.of(2, new int[] {0}, new int[] {1}, new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> SparseCostMatrix.of(2, new int[] {0}, new int[] {2}, new double[] {1}));
    }

    /** Rows 0..n-1, columns 0..cols-1, with a hidden perfect assignment so that one always exists. */
    private static SparseCostMatrix randomFeasible(Random random, int n, int cols, double density,
                                                   boolean integerCosts) {
        List<int[]> idx = new ArrayList<>();
        List<Double> costs = new ArrayList<>();
        int[] perm = new int[cols];
        for (int i = 0; i < cols; i++) {
            perm[i] = i;
        }
        for (int i = cols - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[k];
            perm[k] = t;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols; j++) {
                if (perm[i] == j || random.nextDouble() < density) {
                    idx.add(new int[] {i, j});
                    costs.add(integerCosts ? random.nextInt(5) : random.nextDouble() * 100 - 20);
                }
            }
        }
        return matrix(n, cols, idx, costs);
    }

    private static SparseCostMatrix matrix(int n, List<int[]> idx, List<Double> costs) {
        return matrix(n, n, idx, costs);
    }

    private static SparseCostMatrix matrix(int n, int cols, List<int[]> idx, List<Double> costs) {
        int[] r = new int[idx.size()];
        int[] c = new int[idx.size()];
        double[] v = new double[idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            r[k] = idx.get(k)[0];
            c[k] = idx.get(k)[1];
            v[k] = costs.get(k);
        }
        return SparseCostMatrix.of(n, cols, r, c, v);
    }

    private static void assertIsPermutationOfEntries(SparseCostMatrix m, int[] assignment) {
        boolean[] used = new boolean[m.cols()];
        for (int i = 0; i < assignment.length; i++) {
            assertTrue(assignment[i] >= 0 && !used[assignment[i]], "column used twice or missing");
            used[assignment[i]] = true;
            assertTrue(Double.isFinite(m.get(i, assignment[i])), "assigned through an absent entry");
        }
    }

    private static double bruteForce(SparseCostMatrix m) {
        return bruteForce(m, 0, new boolean[m.cols()]);
    }

    private static double bruteForce(SparseCostMatrix m, int row, boolean[] used) {
        if (row == m.rows()) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < m.cols(); j++) {
            double c = m.get(row, j);
            if (!used[j] && Double.isFinite(c)) {
                used[j] = true;
                best = Math.min(best, c + bruteForce(m, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }
}
