package org.labscale.tracking.ktr;

/**
 * A kinase translocation reporter's intensities for one nucleus in one frame. Means are {@code NaN} over an empty
 * region; the two-compartment values are {@code NaN} when the cytoplasm has fewer than two pixels.
 *
 * @param label                the nucleus' label in its frame
 * @param nuclearMean          mean reporter intensity over the nucleus
 * @param innerRingMean        mean over the inner cytoring (background pixels nearest this nucleus, within the inner
 *                             width)
 * @param outerRingMean        mean over the outer cytoring: the cell's cytoplasm
 * @param cytoplasmPixels      pixels in the outer cytoring
 * @param twoCompartmentMean   the mean of the {@link TwoCompartmentEstimate} component nearer the nucleus
 * @param twoCompartmentWeight that component's share of the cytoplasm
 * @param cellCytoplasmMean    mean over the cell's cytoplasm from a whole-cell segmentation ({@link CellCytoplasm}:
 *                             the cell less the nuclei); {@code NaN} without one
 * @param cellCytoplasmPixels  pixels of that cytoplasm (0 without one)
 */
public record KtrCell(int label, double nuclearMean, double innerRingMean, double outerRingMean, int cytoplasmPixels,
                      double twoCompartmentMean, double twoCompartmentWeight, double cellCytoplasmMean,
                      int cellCytoplasmPixels) {

    /** The cytorings and the two-compartment estimate, without a whole-cell segmentation. */
    public KtrCell(int label, double nuclearMean, double innerRingMean, double outerRingMean, int cytoplasmPixels,
                   double twoCompartmentMean, double twoCompartmentWeight) {
        this(label, nuclearMean, innerRingMean, outerRingMean, cytoplasmPixels, twoCompartmentMean,
                twoCompartmentWeight, Double.NaN, 0);
    }

    /** This cell with its cytoplasm read from a whole-cell segmentation. */
    public KtrCell withCellCytoplasm(CellCytoplasm.Reading reading) {
        return new KtrCell(label, nuclearMean, innerRingMean, outerRingMean, cytoplasmPixels, twoCompartmentMean,
                twoCompartmentWeight, reading.mean(), reading.pixels());
    }

    /** Cytoplasmic over nuclear intensity, the cytoplasm being the outer cytoring: the reporter's activity. */
    public double cytoplasmToNuclear() {
        return outerRingMean / nuclearMean;
    }

    /** The whole-cell segmentation's cytoplasm over the nuclear intensity ({@code NaN} without one). */
    public double cellCytoplasmToNuclear() {
        return cellCytoplasmMean / nuclearMean;
    }

    /** The two-compartment estimate over the nuclear intensity. */
    public double twoCompartmentToNuclear() {
        return twoCompartmentMean / nuclearMean;
    }
}
