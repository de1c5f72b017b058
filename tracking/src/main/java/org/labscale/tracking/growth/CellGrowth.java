package org.labscale.tracking.growth;

/**
 * One cell in one frame, with its growth since its predecessor.
 *
 * @param trackId     the cell's track
 * @param spotId      the cell's spot
 * @param frame       the frame
 * @param area        area in pixels
 * @param growthRate  {@code d ln(area) / dt} from the predecessor (per unit of the frame interval); negative after a
 *                    division; {@code NaN} for a cell without predecessor
 * @param likelyMerge whether the area grew by the merge threshold (30%) or more since the predecessor
 */
public record CellGrowth(int trackId, int spotId, int frame, double area, double growthRate, boolean likelyMerge) {
}
