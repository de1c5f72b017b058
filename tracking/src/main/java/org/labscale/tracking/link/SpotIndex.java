package org.labscale.tracking.link;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.IntConsumer;

/** Spots sorted by x, to visit those within a distance of a point without scanning them all. */
final class SpotIndex {

    private final Spot[] spots;
    private final int[] order;
    private final double[] xs;

    /** Indexes {@code spots}; visits report positions in this array. */
    SpotIndex(Spot[] spots) {
        this.spots = spots;
        Integer[] boxed = new Integer[spots.length];
        for (int k = 0; k < spots.length; k++) {
            boxed[k] = k;
        }
        Arrays.sort(boxed, Comparator.comparingDouble(k -> spots[k].x()));
        order = new int[spots.length];
        xs = new double[spots.length];
        for (int k = 0; k < spots.length; k++) {
            order[k] = boxed[k];
            xs[k] = spots[order[k]].x();
        }
    }

    /** Calls {@code visit} with the position of every spot at distance {@code radius} or less from {@code centre}. */
    void within(Spot centre, double radius, IntConsumer visit) {
        double r2 = radius * radius;
        for (int k = lowerBound(centre.x() - radius); k < xs.length && xs[k] <= centre.x() + radius; k++) {
            if (spots[order[k]].squareDistanceTo(centre) <= r2) {
                visit.accept(order[k]);
            }
        }
    }

    private int lowerBound(double x) {
        int lo = 0;
        int hi = xs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
