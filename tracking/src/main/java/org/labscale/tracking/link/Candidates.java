package org.labscale.tracking.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Candidate (source, target, cost) triples over positions in id-sorted arrays, solved as one assignment. */
final class Candidates {
    int[] rows;
    int[] cols;
    double[] costs;
    int count;

    Candidates(int capacity) {
        rows = new int[Math.max(16, capacity)];
        cols = new int[rows.length];
        costs = new double[rows.length];
    }

    void add(int row, int col, double cost) {
        if (count == rows.length) {
            rows = Arrays.copyOf(rows, 2 * count);
            cols = Arrays.copyOf(cols, 2 * count);
            costs = Arrays.copyOf(costs, 2 * count);
        }
        rows[count] = row;
        cols[count] = col;
        costs[count] = cost;
        count++;
    }

    double max() {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            max = Math.max(max, costs[k]);
        }
        return max;
    }

    /** TrackMate's percentile: the value at rank {@code round((n - 1) p)} of the sorted costs; the largest at 1. */
    double percentile(double p) {
        if (p == 1) {
            return max();
        }
        double[] sorted = Arrays.copyOf(costs, count);
        Arrays.sort(sorted);
        int rank = (int) Math.min(count - 1, Math.max(0, Math.round((count - 1) * p)));
        return sorted[rank];
    }

    /**
     * Keeps only the sources and targets that have a candidate (in id order, as TrackMate's sorted unique lists)
     * and solves the assignment with the given alternative cost.
     */
    List<Link> solve(Spot[] sources, Spot[] targets, double alternativeCost, Link.Kind kind) {
        int[] rowOf = compact(rows, count, sources.length);
        int[] colOf = compact(cols, count, targets.length);
        int nRows = 0;
        int nCols = 0;
        for (int r : rowOf) {
            nRows = Math.max(nRows, r + 1);
        }
        for (int c : colOf) {
            nCols = Math.max(nCols, c + 1);
        }
        int[] entryRow = new int[count];
        int[] entryCol = new int[count];
        for (int k = 0; k < count; k++) {
            entryRow[k] = rowOf[rows[k]];
            entryCol[k] = colOf[cols[k]];
        }
        int[] sourceOfRow = inverse(rowOf, nRows);
        int[] targetOfCol = inverse(colOf, nCols);
        int[] assigned = JaqamanAssignment.assign(nRows, nCols, entryRow, entryCol, costs, count, alternativeCost);
        List<Link> links = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (assigned[entryRow[k]] == entryCol[k]) {
                Spot s = sources[sourceOfRow[entryRow[k]]];
                Spot t = targets[targetOfCol[entryCol[k]]];
                links.add(new Link(s.id(), t.id(), costs[k], kind));
            }
        }
        return links;
    }

    /** Numbers the used values of {@code values} 0, 1, ... in increasing order; unused ones map to -1. */
    private static int[] compact(int[] values, int count, int range) {
        boolean[] used = new boolean[range];
        for (int k = 0; k < count; k++) {
            used[values[k]] = true;
        }
        int[] map = new int[range];
        int next = 0;
        for (int v = 0; v < range; v++) {
            map[v] = used[v] ? next++ : -1;
        }
        return map;
    }

    private static int[] inverse(int[] map, int size) {
        int[] inverse = new int[size];
        for (int v = 0; v < map.length; v++) {
            if (map[v] >= 0) {
                inverse[map[v]] = v;
            }
        }
        return inverse;
    }
}
