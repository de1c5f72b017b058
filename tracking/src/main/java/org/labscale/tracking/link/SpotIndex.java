package org.labscale.tracking.link;

import java.util.function.IntConsumer;

/**
 * Spots bucketed in a uniform grid, to visit those within a distance of a point by looking at a few cells only. The
 * cell side is the search radius it is built for; cells are held in compressed form (a counting sort of the spots by
 * cell), and cells outside the spots' bounding box are never allocated.
 */
final class SpotIndex {

    private final Spot[] spots;
    private final double cell;
    private final double minX;
    private final double minY;
    private final int nx;
    private final int ny;
    private final int[] cellStart;
    private final int[] members;

    /** Indexes {@code spots} for searches up to about {@code radius}; visits report positions in this array. */
    SpotIndex(Spot[] spots, double radius) {
        this.spots = spots;
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Spot s : spots) {
            x0 = Math.min(x0, s.x());
            y0 = Math.min(y0, s.y());
            x1 = Math.max(x1, s.x());
            y1 = Math.max(y1, s.y());
        }
        minX = spots.length == 0 ? 0 : x0;
        minY = spots.length == 0 ? 0 : y0;
        // At most about one cell per spot, however small the radius.
        double side = Math.max(radius, Math.sqrt(Math.max(1e-9, (x1 - x0) * (y1 - y0)) / Math.max(1, spots.length)));
        cell = side > 0 ? side : 1;
        nx = spots.length == 0 ? 1 : (int) Math.min(1 << 15, Math.floor((x1 - x0) / cell) + 1);
        ny = spots.length == 0 ? 1 : (int) Math.min(1 << 15, Math.floor((y1 - y0) / cell) + 1);
        cellStart = new int[nx * ny + 1];
        int[] cellOf = new int[spots.length];
        for (int k = 0; k < spots.length; k++) {
            cellOf[k] = cellX(spots[k].x()) + nx * cellY(spots[k].y());
            cellStart[cellOf[k] + 1]++;
        }
        for (int c = 0; c < nx * ny; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        int[] fill = cellStart.clone();
        members = new int[spots.length];
        for (int k = 0; k < spots.length; k++) {
            members[fill[cellOf[k]]++] = k;
        }
    }

    private int cellX(double x) {
        return (int) Math.max(0, Math.min(nx - 1, Math.floor((x - minX) / cell)));
    }

    private int cellY(double y) {
        return (int) Math.max(0, Math.min(ny - 1, Math.floor((y - minY) / cell)));
    }

    /** Calls {@code visit} with the position of every spot at distance {@code radius} or less from {@code centre}. */
    void within(Spot centre, double radius, IntConsumer visit) {
        if (spots.length == 0) {
            return;
        }
        double r2 = radius * radius;
        int cx0 = cellX(centre.x() - radius);
        int cx1 = cellX(centre.x() + radius);
        int cy0 = cellY(centre.y() - radius);
        int cy1 = cellY(centre.y() + radius);
        for (int cy = cy0; cy <= cy1; cy++) {
            for (int cx = cx0; cx <= cx1; cx++) {
                int c = cx + nx * cy;
                for (int m = cellStart[c]; m < cellStart[c + 1]; m++) {
                    int k = members[m];
                    if (spots[k].squareDistanceTo(centre) <= r2) {
                        visit.accept(k);
                    }
                }
            }
        }
    }
}
