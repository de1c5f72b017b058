package org.labscale.tracking.ktr;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussianMixture2Test {

    @Test
    void shouldRecoverTheParametersOfAKnownMixture() {
        // 30% N(100, 10^2) + 70% N(200, 20^2), 20,000 draws.
        Random random = new Random(7);
        double[] samples = new double[20_000];
        for (int k = 0; k < samples.length; k++) {
            samples[k] = random.nextDouble() < 0.3 ? 100 + 10 * random.nextGaussian() : 200 + 20 * random.nextGaussian();
        }
        GaussianMixture2 fit = GaussianMixture2.fit(samples);
        assertEquals(0.3, fit.weight1(), 0.02);
        assertEquals(100, fit.mean1(), 1.5);
        assertEquals(10, fit.sd1(), 1);
        assertEquals(0.7, fit.weight2(), 0.02);
        assertEquals(200, fit.mean2(), 1.5);
        assertEquals(20, fit.sd2(), 1);
        assertTrue(fit.responsibility1(90) > 0.99);
        assertTrue(fit.responsibility1(230) < 0.01);
    }

    @Test
    void shouldOrderComponentsByMeanWhateverTheDataOrder() {
        Random random = new Random(3);
        double[] samples = new double[4_000];
        for (int k = 0; k < samples.length; k++) {
            samples[k] = k % 2 == 0 ? 50 + random.nextGaussian() : 10 + random.nextGaussian();
        }
        GaussianMixture2 fit = GaussianMixture2.fit(samples);
        assertEquals(10, fit.mean1(), 0.2);
        assertEquals(50, fit.mean2(), 0.2);
        assertEquals(0.5, fit.weight1(), 0.02);
    }

    @Test
    void shouldStayFiniteOnDataWithFewDistinctValues() {
        GaussianMixture2 fit = GaussianMixture2.fit(new double[] {1, 1, 1, 1, 5, 5, 5});
        assertEquals(1, fit.mean1(), 1e-6);
        assertEquals(5, fit.mean2(), 1e-6);
        assertFalse(Double.isNaN(fit.logLikelihood()));
    }

    @Test
    void shouldRejectTooFewOrNonFiniteSamples() {
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture2.fit(new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture2.fit(new double[] {1, Double.NaN, 3}));
    }

    @Test
    void shouldReportTheCompartmentNearTheNucleus() {
        // Bright reporter next to the nucleus (distances 0-5), dim cytoplasm further out (10-20).
        Random random = new Random(11);
        int n = 6_000;
        double[] intensity = new double[n];
        double[] distance = new double[n];
        for (int k = 0; k < n; k++) {
            boolean near = k < n / 3;
            intensity[k] = near ? 300 + 15 * random.nextGaussian() : 120 + 10 * random.nextGaussian();
            distance[k] = near ? 5 * random.nextDouble() : 10 + 10 * random.nextDouble();
        }
        TwoCompartmentEstimate estimate = TwoCompartmentEstimate.of(intensity, distance);
        assertEquals(300, estimate.mean(), 2);
        assertEquals(1.0 / 3, estimate.weight(), 0.02);
        assertFalse(estimate.nearIsLow());
        assertThrows(IllegalArgumentException.class, () -> TwoCompartmentEstimate.of(new double[3], new double[2]));
    }
}
