package org.labscale.tracking.lap;

import java.util.Arrays;

/** Collects the entries of a {@link SparseCostMatrix} in growable primitive arrays. */
public final class SparseCostMatrixBuilder {

    private int[] rows;
    private int[] cols;
    private double[] costs;
    private int count;

    public SparseCostMatrixBuilder(int expectedEntries) {
        int capacity = Math.max(16, expectedEntries);
        rows = new int[capacity];
        cols = new int[capacity];
        costs = new double[capacity];
    }

    public SparseCostMatrixBuilder add(int row, int col, double cost) {
        if (count == rows.length) {
            int capacity = rows.length * 2;
            rows = Arrays.copyOf(rows, capacity);
            cols = Arrays.copyOf(cols, capacity);
            costs = Arrays.copyOf(costs, capacity);
        }
        rows[count] = row;
        cols[count] = col;
        costs[count] = cost;
        count++;
        return this;
    }

    public int count() {
        return count;
    }

    public SparseCostMatrix build(int rowCount, int colCount) {
        return SparseCostMatrix.of(rowCount, colCount, Arrays.copyOf(rows, count), Arrays.copyOf(cols, count),
                Arrays.copyOf(costs, count));
    }
}
