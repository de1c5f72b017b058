package org.labscale.tracking.link;

/**
 * One detected object in one frame: the unit the tracker links.
 *
 * @param id            unique over the whole series; ties in the LAP matrices are ordered by it, as in TrackMate
 * @param frame         frame index, from 0
 * @param x             centroid column, pixels
 * @param y             centroid row, pixels
 * @param label         the object's value in its frame's label mask (0 when the spot does not come from a mask)
 * @param area          area in pixels ({@code NaN} when unknown)
 * @param meanIntensity mean image intensity under the object ({@code NaN} when unknown)
 */
public record Spot(int id, int frame, double x, double y, int label, double area, double meanIntensity) {

    /** A point without shape or intensity, as TrackMate's spots in its own tests. */
    public static Spot point(int id, int frame, double x, double y) {
        return new Spot(id, frame, x, y, 0, Double.NaN, Double.NaN);
    }

    public double squareDistanceTo(Spot other) {
        double dx = x - other.x;
        double dy = y - other.y;
        return dx * dx + dy * dy;
    }

    public double feature(Feature feature) {
        return switch (feature) {
            case AREA -> area;
            case MEAN_INTENSITY -> meanIntensity;
        };
    }
}
