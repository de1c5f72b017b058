package org.labscale.tracking.ktr;

import java.util.Arrays;

/**
 * A two-component Gaussian mixture fitted by expectation-maximisation (Dempster, Laird and Rubin 1977), for the
 * two-compartment estimate of a kinase translocation reporter (Van Valen et al. 2016, Fig 4): the pixel intensities of
 * a cell's cytoplasm are modelled as two populations and the one near the nucleus is reported.
 *
 * <p>Starts from the lower and upper quartiles (the extremes when those are equal) with the overall spread, iterates
 * until the log-likelihood gains less than {@code 1e-9} per sample, and keeps each variance above {@code 1e-6} times
 * the data's variance so that a component collapsing onto one value cannot make the likelihood unbounded.
 *
 * @param weight1 mixing weight of component 1 (the one with the lower mean)
 * @param mean1   mean of component 1
 * @param sd1     standard deviation of component 1
 * @param weight2 mixing weight of component 2
 * @param mean2   mean of component 2
 * @param sd2     standard deviation of component 2
 * @param logLikelihood  final log-likelihood
 * @param iterations     EM iterations done
 */
public record GaussianMixture2(double weight1, double mean1, double sd1, double weight2, double mean2, double sd2,
                               double logLikelihood, int iterations) {

    private static final int MAX_ITERATIONS = 1_000;

    /**
     * @throws IllegalArgumentException fewer than 2 samples, or a sample that is not finite
     */
    public static GaussianMixture2 fit(double[] samples) {
        int n = samples.length;
        if (n < 2) {
            throw new IllegalArgumentException("a two-component mixture needs at least 2 samples, got " + n);
        }
        double mean = 0;
        for (double x : samples) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("samples must be finite, found " + x);
            }
            mean += x / n;
        }
        double variance = 0;
        for (double x : samples) {
            variance += (x - mean) * (x - mean) / n;
        }
        double floor = Math.max(1e-12, 1e-6 * variance);
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double w1 = 0.5;
        double m1 = sorted[n / 4];
        double m2 = sorted[(3 * n) / 4];
        if (m1 == m2) {
            // A minority population under a quarter of the samples: equal starts would stay equal for ever.
            m1 = sorted[0];
            m2 = sorted[n - 1];
        }
        double v1 = Math.max(variance, floor);
        double v2 = v1;
        double[] r = new double[n];
        double previous = Double.NEGATIVE_INFINITY;
        double logLikelihood = previous;
        int iteration = 0;
        while (iteration < MAX_ITERATIONS) {
            iteration++;
            // E step: responsibilities of component 1, and the log-likelihood, computed stably in log space.
            logLikelihood = 0;
            for (int k = 0; k < n; k++) {
                double a = Math.log(w1) + logNormal(samples[k], m1, v1);
                double b = Math.log(1 - w1) + logNormal(samples[k], m2, v2);
                double max = Math.max(a, b);
                double log = max + Math.log(Math.exp(a - max) + Math.exp(b - max));
                r[k] = Math.exp(a - log);
                logLikelihood += log;
            }
            // M step.
            double s1 = 0;
            double sx1 = 0;
            double sx2 = 0;
            for (int k = 0; k < n; k++) {
                s1 += r[k];
                sx1 += r[k] * samples[k];
                sx2 += (1 - r[k]) * samples[k];
            }
            double s2 = n - s1;
            if (s1 < 1e-9 || s2 < 1e-9) {
                break;
            }
            m1 = sx1 / s1;
            m2 = sx2 / s2;
            double q1 = 0;
            double q2 = 0;
            for (int k = 0; k < n; k++) {
                q1 += r[k] * (samples[k] - m1) * (samples[k] - m1);
                q2 += (1 - r[k]) * (samples[k] - m2) * (samples[k] - m2);
            }
            v1 = Math.max(q1 / s1, floor);
            v2 = Math.max(q2 / s2, floor);
            w1 = s1 / n;
            if (logLikelihood - previous < 1e-9 * n) {
                break;
            }
            previous = logLikelihood;
        }
        if (m1 <= m2) {
            return new GaussianMixture2(w1, m1, Math.sqrt(v1), 1 - w1, m2, Math.sqrt(v2), logLikelihood, iteration);
        }
        return new GaussianMixture2(1 - w1, m2, Math.sqrt(v2), w1, m1, Math.sqrt(v1), logLikelihood, iteration);
    }

    /** Probability that {@code x} belongs to component 1. */
    public double responsibility1(double x) {
        double a = Math.log(weight1) + logNormal(x, mean1, sd1 * sd1);
        double b = Math.log(weight2) + logNormal(x, mean2, sd2 * sd2);
        double max = Math.max(a, b);
        return Math.exp(a - max) / (Math.exp(a - max) + Math.exp(b - max));
    }

    private static double logNormal(double x, double mean, double variance) {
        double d = x - mean;
        return -0.5 * (Math.log(2 * Math.PI * variance) + d * d / variance);
    }
}
