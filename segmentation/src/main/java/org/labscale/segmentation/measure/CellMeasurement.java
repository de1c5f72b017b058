package org.labscale.segmentation.measure;

/**
 * What is measured of one cell. Coordinates are pixel indices (x right, y down); the bounding box is inclusive.
 *
 * @param label               the cell's label in the mask
 * @param area                pixels
 * @param centroidX           mean x of its pixels
 * @param centroidY           mean y of its pixels
 * @param minX                bounding box
 * @param minY                bounding box
 * @param maxX                bounding box (inclusive)
 * @param maxY                bounding box (inclusive)
 * @param perimeter           crack length: pixel edges between the cell and anything else, the image border included
 * @param eccentricity        of the ellipse with the same second central moments: 0 for a disc, towards 1 for a line
 * @param meanIntensity       per channel, mean raw intensity over the cell
 * @param integratedIntensity per channel, sum of raw intensity over the cell
 * @param className           cell type (semantic nets) or {@code interior}
 * @param score               the cellular classification score of the class (1 for 3-class nets)
 */
public record CellMeasurement(int label, int area, double centroidX, double centroidY, int minX, int minY, int maxX,
                              int maxY, int perimeter, double eccentricity, double[] meanIntensity,
                              double[] integratedIntensity, String className, double score) {
}
