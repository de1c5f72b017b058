package org.labscale.tracking.lap;

import java.util.Arrays;

/**
 * A cost matrix (rows <= columns) in compressed sparse row form on primitive arrays: the entries of row {@code i} are
 * {@code columns[rowStart[i] .. rowStart[i+1])} with costs at the same indices. An entry that is absent is forbidden
 * (an infinite, "blocking" cost), which is how the LAP tracker keeps its matrices small.
 */
public final class SparseCostMatrix {

    private final int rows;
    private final int cols;
    private final int[] rowStart;
    private final int[] columns;
    private final double[] costs;

    private SparseCostMatrix(int rows, int cols, int[] rowStart, int[] columns, double[] costs) {
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.columns = columns;
        this.costs = costs;
    }

    /** A square matrix from entries in any order; see {@link #of(int, int, int[], int[], double[])}. */
    public static SparseCostMatrix of(int size, int[] rows, int[] cols, double[] costs) {
        return of(size, size, rows, cols, costs);
    }

    /**
     * Builds a matrix from entries in any order.
     *
     * @throws IllegalArgumentException more rows than columns, an index outside the matrix, a cost that is not
     *                                  finite, or an entry given twice
     */
    public static SparseCostMatrix of(int rowCount, int colCount, int[] rows, int[] cols, double[] costs) {
        if (rowCount < 0 || colCount < rowCount) {
            throw new IllegalArgumentException("need 0 <= rows <= columns, was " + rowCount + " x " + colCount);
        }
        int size = rowCount;
        int n = rows.length;
        if (cols.length != n || costs.length != n) {
            throw new IllegalArgumentException("rows, cols and costs must have the same length: " + n + ", "
                    + cols.length + ", " + costs.length);
        }
        int[] start = new int[size + 1];
        for (int k = 0; k < n; k++) {
            if (rows[k] < 0 || rows[k] >= rowCount || cols[k] < 0 || cols[k] >= colCount) {
                throw new IllegalArgumentException("entry " + k + " at (" + rows[k] + ", " + cols[k]
                        + ") is outside a " + rowCount + "x" + colCount + " matrix");
            }
            if (!Double.isFinite(costs[k])) {
                throw new IllegalArgumentException("entry " + k + " has a non-finite cost " + costs[k]
                        + "; leave forbidden entries out instead");
            }
            start[rows[k] + 1]++;
        }
        for (int i = 0; i < size; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = Arrays.copyOf(start, size);
        int[] outCols = new int[n];
        double[] outCosts = new double[n];
        for (int k = 0; k < n; k++) {
            int at = fill[rows[k]]++;
            outCols[at] = cols[k];
            outCosts[at] = costs[k];
        }
        sortRowsByColumn(size, start, outCols, outCosts);
        return new SparseCostMatrix(rowCount, colCount, start, outCols, outCosts);
    }

    private static void sortRowsByColumn(int size, int[] start, int[] cols, double[] costs) {
        for (int i = 0; i < size; i++) {
            // Insertion sort: rows hold a handful of entries in tracking matrices.
            for (int a = start[i] + 1; a < start[i + 1]; a++) {
                int c = cols[a];
                double v = costs[a];
                int b = a - 1;
                while (b >= start[i] && cols[b] > c) {
                    cols[b + 1] = cols[b];
                    costs[b + 1] = costs[b];
                    b--;
                }
                cols[b + 1] = c;
                costs[b + 1] = v;
            }
            for (int a = start[i] + 1; a < start[i + 1]; a++) {
                if (cols[a] == cols[a - 1]) {
                    throw new IllegalArgumentException("duplicate entry at (" + i + ", " + cols[a] + ")");
                }
            }
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int entryCount() {
        return columns.length;
    }

    int rowStart(int row) {
        return rowStart[row];
    }

    int rowEnd(int row) {
        return rowStart[row + 1];
    }

    int column(int entry) {
        return columns[entry];
    }

    double cost(int entry) {
        return costs[entry];
    }

    /** The cost at {@code (row, col)}, or {@code Double.POSITIVE_INFINITY} where the entry is absent. */
    public double get(int row, int col) {
        int at = Arrays.binarySearch(columns, rowStart[row], rowStart[row + 1], col);
        return at >= 0 ? costs[at] : Double.POSITIVE_INFINITY;
    }
}
