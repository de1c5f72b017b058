package org.labscale.tracking.lap;

import java.util.Arrays;

/**
 * Solves the linear assignment problem (every row assigned to its own column at least total cost) on a
 * {@link SparseCostMatrix}, after Jonker and Volgenant, "A shortest augmenting path algorithm for dense and sparse
 * linear assignment problems", Computing 38:325-340 (1987), the solver family TrackMate's LAP tracker uses.
 *
 * <p>For a square matrix the column reduction gives dual prices {@code v} and a first partial assignment; for a
 * rectangular one (fewer rows than columns) all prices start equal, so that the columns left unassigned keep the
 * highest price, as optimality requires there. Every row left free is then
 * assigned along a shortest augmenting path found by Dijkstra's algorithm on the reduced costs
 * {@code c(i,j) - u(i) - v(j) >= 0}, after which the prices of the scanned columns are updated so that the reduced
 * costs stay non-negative. Only the entries of the matrix are visited, with a binary heap and with labels reset
 * through a list of the columns touched, so one augmentation costs in proportion to the part of the matrix it explores
 * rather than to its size. Everything is held in primitive arrays.
 */
public final class LapjvSparse {

    private LapjvSparse() {
    }

    /**
     * @return for each row the column assigned to it
     * @throws IllegalArgumentException the matrix has no perfect assignment through its entries
     */
    public static int[] solve(SparseCostMatrix m) {
        int[] rowToCol = new int[m.rows()];
        int[] colToRow = new int[m.cols()];
        Arrays.fill(rowToCol, -1);
        Arrays.fill(colToRow, -1);
        double[] v = new double[m.cols()];
        if (m.rows() == m.cols()) {
            columnReduction(m, v, rowToCol, colToRow);
        } else {
            double min = 0;
            for (int e = 0; e < m.entryCount(); e++) {
                min = Math.min(min, m.cost(e));
            }
            Arrays.fill(v, min);
        }
        Augmenter augmenter = new Augmenter(m, v, rowToCol, colToRow);
        for (int row = 0; row < m.rows(); row++) {
            if (rowToCol[row] < 0) {
                augmenter.augment(row);
            }
        }
        return rowToCol;
    }

    /** Total cost of an assignment. */
    public static double cost(SparseCostMatrix m, int[] rowToCol) {
        double total = 0;
        for (int i = 0; i < rowToCol.length; i++) {
            total += m.get(i, rowToCol[i]);
        }
        return total;
    }

    /**
     * Sets each column's price to its least cost and gives the column to the row of that cost when the row is still
     * free; all reduced costs are then non-negative and those of the assigned pairs zero.
     */
    private static void columnReduction(SparseCostMatrix m, double[] v, int[] rowToCol, int[] colToRow) {
        int n = m.cols();
        Arrays.fill(v, Double.POSITIVE_INFINITY);
        int[] argmin = new int[n];
        Arrays.fill(argmin, -1);
        for (int i = 0; i < n; i++) {
            for (int e = m.rowStart(i); e < m.rowEnd(i); e++) {
                int j = m.column(e);
                if (m.cost(e) < v[j]) {
                    v[j] = m.cost(e);
                    argmin[j] = i;
                }
            }
        }
        for (int j = n - 1; j >= 0; j--) {
            if (argmin[j] < 0) {
                throw new IllegalArgumentException("column " + j + " has no entry, so no row can be assigned to it");
            }
            int i = argmin[j];
            if (rowToCol[i] < 0) {
                rowToCol[i] = j;
                colToRow[j] = i;
            }
        }
    }

    /** Dijkstra on reduced costs from one free row; its scratch arrays are reused across rows. */
    private static final class Augmenter {
        private final SparseCostMatrix m;
        private final double[] v;
        private final int[] rowToCol;
        private final int[] colToRow;
        private final double[] dist;
        private final int[] pred;
        private final boolean[] scanned;
        private final int[] touched;
        private int touchedCount;
        private final Heap heap;

        Augmenter(SparseCostMatrix m, double[] v, int[] rowToCol, int[] colToRow) {
            int n = m.cols();
            this.m = m;
            this.v = v;
            this.rowToCol = rowToCol;
            this.colToRow = colToRow;
            dist = new double[n];
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            pred = new int[n];
            scanned = new boolean[n];
            touched = new int[n];
            heap = new Heap(16);
        }

        void augment(int freeRow) {
            relax(freeRow, 0);
            int end = -1;
            double shortest = 0;
            while (!heap.isEmpty()) {
                int j = heap.popColumn();
                double d = heap.lastKey();
                if (scanned[j] || d > dist[j]) {
                    continue;
                }
                scanned[j] = true;
                if (colToRow[j] < 0) {
                    end = j;
                    shortest = d;
                    break;
                }
                int i = colToRow[j];
                // u(i) = c(i,j) - v(j): the assigned pair is tight, so paths through row i start at d - u(i).
                relax(i, d - (m.get(i, j) - v[j]));
            }
            if (end < 0) {
                reset();
                throw new IllegalArgumentException("no perfect assignment exists: row " + freeRow
                        + " cannot reach a free column through the matrix entries");
            }
            for (int t = 0; t < touchedCount; t++) {
                int j = touched[t];
                if (scanned[j] && dist[j] < shortest) {
                    v[j] += dist[j] - shortest;
                }
            }
            int j = end;
            while (true) {
                int i = pred[j];
                colToRow[j] = i;
                int previous = rowToCol[i];
                rowToCol[i] = j;
                if (i == freeRow) {
                    break;
                }
                j = previous;
            }
            reset();
        }

        private void relax(int row, double offset) {
            for (int e = m.rowStart(row); e < m.rowEnd(row); e++) {
                int k = m.column(e);
                if (scanned[k]) {
                    continue;
                }
                double d = offset + m.cost(e) - v[k];
                if (d < dist[k]) {
                    if (dist[k] == Double.POSITIVE_INFINITY) {
                        touched[touchedCount++] = k;
                    }
                    dist[k] = d;
                    pred[k] = row;
                    heap.push(d, k);
                }
            }
        }

        private void reset() {
            for (int t = 0; t < touchedCount; t++) {
                int j = touched[t];
                dist[j] = Double.POSITIVE_INFINITY;
                scanned[j] = false;
            }
            touchedCount = 0;
            heap.clear();
        }
    }

    /** A binary min-heap of (distance, column) with lazy deletion of stale entries. */
    private static final class Heap {
        private double[] keys;
        private int[] cols;
        private int size;
        private double lastKey;

        Heap(int capacity) {
            keys = new double[capacity];
            cols = new int[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void clear() {
            size = 0;
        }

        double lastKey() {
            return lastKey;
        }

        void push(double key, int col) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                cols = Arrays.copyOf(cols, size * 2);
            }
            int at = size++;
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (keys[parent] <= key) {
                    break;
                }
                keys[at] = keys[parent];
                cols[at] = cols[parent];
                at = parent;
            }
            keys[at] = key;
            cols[at] = col;
        }

        int popColumn() {
            int top = cols[0];
            lastKey = keys[0];
            size--;
            if (size > 0) {
                double key = keys[size];
                int col = cols[size];
                int at = 0;
                while (true) {
                    int child = 2 * at + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && keys[child + 1] < keys[child]) {
                        child++;
                    }
                    if (keys[child] >= key) {
                        break;
                    }
                    keys[at] = keys[child];
                    cols[at] = cols[child];
                    at = child;
                }
                keys[at] = key;
                cols[at] = col;
            }
            return top;
        }
    }
}
