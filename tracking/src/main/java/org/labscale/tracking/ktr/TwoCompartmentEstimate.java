package org.labscale.tracking.ktr;

/**
 * The paper's two-compartment estimate of a cell's cytoplasmic reporter intensity: a {@link GaussianMixture2} is
 * fitted to the cytoplasm's pixel intensities, each pixel is given to its more likely component, and the component
 * whose pixels lie closer to the nucleus on average is reported.
 *
 * @param mean       mean intensity of the component near the nucleus
 * @param weight     its mixing weight
 * @param mixture    the fitted mixture
 * @param nearIsLow  whether the component near the nucleus is the one with the lower mean
 */
public record TwoCompartmentEstimate(double mean, double weight, GaussianMixture2 mixture, boolean nearIsLow) {

    /**
     * @param intensities        the cytoplasm's pixel intensities
     * @param distanceToNucleus  for each pixel, its distance to the nucleus (any unit)
     * @throws IllegalArgumentException arrays of different lengths, or fewer than 2 pixels
     */
    public static TwoCompartmentEstimate of(double[] intensities, double[] distanceToNucleus) {
        if (intensities.length != distanceToNucleus.length) {
            throw new IllegalArgumentException("one distance per pixel is needed: " + intensities.length
                    + " intensities, " + distanceToNucleus.length + " distances");
        }
        GaussianMixture2 mixture = GaussianMixture2.fit(intensities);
        double d1 = 0;
        double d2 = 0;
        int n1 = 0;
        int n2 = 0;
        for (int k = 0; k < intensities.length; k++) {
            if (mixture.responsibility1(intensities[k]) >= 0.5) {
                d1 += distanceToNucleus[k];
                n1++;
            } else {
                d2 += distanceToNucleus[k];
                n2++;
            }
        }
        boolean lowIsNear = n2 == 0 || (n1 > 0 && d1 / n1 <= d2 / n2);
        return lowIsNear
                ? new TwoCompartmentEstimate(mixture.mean1(), mixture.weight1(), mixture, true)
                : new TwoCompartmentEstimate(mixture.mean2(), mixture.weight2(), mixture, false);
    }
}
