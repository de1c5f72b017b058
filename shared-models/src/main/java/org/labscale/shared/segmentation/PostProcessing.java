package org.labscale.shared.segmentation;

import java.util.ArrayList;
import java.util.List;

/**
 * How the averaged probability maps become labelled cells. Every field is optional on the wire; {@link #withDefaults()}
 * fills in the values below, and {@link #problems()} names every value out of range.
 *
 * @param method            the method (default {@link PostProcessingMethod#THRESHOLD})
 * @param threshold         interior probability threshold, 0 < t < 1 (default 0.5; the paper: 0.6 bacteria, 0.5-0.75
 *                          nuclei). Also the foreground level of the watershed and the active contours.
 * @param adaptiveWindow    ADAPTIVE_THRESHOLD: side of the odd square window of the local mean, 3 to 1001 px (default 31)
 * @param adaptiveOffset    ADAPTIVE_THRESHOLD: a pixel is foreground when its probability exceeds the local mean by more
 *                          than this, -1 to 1 (default 0.05); pixels below {@code minProbability} never are
 * @param minProbability    ADAPTIVE_THRESHOLD: floor under which nothing is foreground, 0 to 1 (default 0.1)
 * @param seedThreshold     WATERSHED: interior probability of the seed cores, {@code threshold} to 1 (default 0.9;
 *                          checked against the threshold only for WATERSHED)
 * @param iterations        ACTIVE_CONTOURS: number of iterations, 1 to 1000 (default 50)
 * @param smoothing         ACTIVE_CONTOURS: curvature smoothing steps per iteration, 0 to 4 (default 1)
 * @param lambda            ACTIVE_CONTOURS: weight of the outside region term of Chan-Vese (lambda2; lambda1 = 1),
 *                          0.01 to 100 (default 1)
 * @param fillHoles         fill holes inside each cell (default true)
 * @param minArea           drop cells with fewer pixels (fragments), 0 or more (default 30: smaller than a 6 px disc,
 *                          far below a nucleus or a bacterium at the resolutions the nets are made for)
 * @param maxArea           drop cells with more pixels, at least {@code minArea}; null: no limit
 * @param regrowth          THRESHOLD, ADAPTIVE_THRESHOLD, WATERSHED: steps (4-connected pixels) each cell grows back
 *                          into pixels most likely boundary or interior, the ring the interior threshold drops;
 *                          0 to 10 (default 2; 0: off)
 * @param minCellProbability drop cells whose mean interior probability is below this, 0 to 1 (null or 0: off; the
 *                          paper's nets are confident inside real cells, debris and clutter mostly are not). A model's
 *                          training chooses it, with the area limits, on held-out images
 */
public record PostProcessing(PostProcessingMethod method, Double threshold, Integer adaptiveWindow,
                             Double adaptiveOffset, Double minProbability, Double seedThreshold, Integer iterations,
                             Integer smoothing, Double lambda, Boolean fillHoles, Integer minArea, Integer maxArea,
                             Integer regrowth, Double minCellProbability) {

    /** Every setting but {@code minCellProbability} (off). */
    public PostProcessing(PostProcessingMethod method, Double threshold, Integer adaptiveWindow, Double adaptiveOffset,
                          Double minProbability, Double seedThreshold, Integer iterations, Integer smoothing,
                          Double lambda, Boolean fillHoles, Integer minArea, Integer maxArea, Integer regrowth) {
        this(method, threshold, adaptiveWindow, adaptiveOffset, minProbability, seedThreshold, iterations, smoothing,
                lambda, fillHoles, minArea, maxArea, regrowth, null);
    }

    /** All defaults: threshold 0.5 and connected components. */
    public static PostProcessing defaults() {
        return new PostProcessing(null, null, null, null, null, null, null, null, null, null, null, null, null)
                .withDefaults();
    }

    /** This record with the object filters replaced: area limits ({@code maxArea} null: none) and probability. */
    public PostProcessing withCellFilters(int minArea, Integer maxArea, Double minCellProbability) {
        return new PostProcessing(method, threshold, adaptiveWindow, adaptiveOffset, minProbability, seedThreshold,
                iterations, smoothing, lambda, fillHoles, minArea, maxArea, regrowth, minCellProbability);
    }

    /** This record with every absent value replaced by its default. */
    public PostProcessing withDefaults() {
        return new PostProcessing(method == null ? PostProcessingMethod.THRESHOLD : method,
                threshold == null ? 0.5 : threshold, adaptiveWindow == null ? 31 : adaptiveWindow,
                adaptiveOffset == null ? 0.05 : adaptiveOffset, minProbability == null ? 0.1 : minProbability,
                seedThreshold == null ? 0.9 : seedThreshold, iterations == null ? 50 : iterations,
                smoothing == null ? 1 : smoothing, lambda == null ? 1.0 : lambda, fillHoles == null || fillHoles,
                minArea == null ? 30 : minArea, maxArea,
                regrowth == null ? 2 : regrowth, minCellProbability == null || minCellProbability == 0 ? null
                : minCellProbability);
    }

    /** Human sentences naming each value out of range (empty when valid); call on {@link #withDefaults()}. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (threshold != null && !(threshold > 0 && threshold < 1)) {
            out.add("postProcessing.threshold must be between 0 and 1 (exclusive), not " + threshold + ".");
        }
        if (adaptiveWindow != null && (adaptiveWindow < 3 || adaptiveWindow > 1001 || adaptiveWindow % 2 == 0)) {
            out.add("postProcessing.adaptiveWindow must be an odd number from 3 to 1001, not " + adaptiveWindow + ".");
        }
        if (adaptiveOffset != null && !(adaptiveOffset >= -1 && adaptiveOffset <= 1)) {
            out.add("postProcessing.adaptiveOffset must be between -1 and 1, not " + adaptiveOffset + ".");
        }
        if (minProbability != null && !(minProbability >= 0 && minProbability <= 1)) {
            out.add("postProcessing.minProbability must be between 0 and 1, not " + minProbability + ".");
        }
        if (seedThreshold != null && !(seedThreshold > 0 && seedThreshold <= 1)) {
            out.add("postProcessing.seedThreshold must be above 0 and at most 1, not " + seedThreshold + ".");
        } else if (method == PostProcessingMethod.WATERSHED && seedThreshold != null && threshold != null
                && seedThreshold < threshold) {
            out.add("postProcessing.seedThreshold (" + seedThreshold + ") must not be below the threshold ("
                    + threshold + ").");
        }
        if (iterations != null && (iterations < 1 || iterations > 1000)) {
            out.add("postProcessing.iterations must be between 1 and 1000, not " + iterations + ".");
        }
        if (smoothing != null && (smoothing < 0 || smoothing > 4)) {
            out.add("postProcessing.smoothing must be between 0 and 4, not " + smoothing + ".");
        }
        if (lambda != null && !(lambda >= 0.01 && lambda <= 100)) {
            out.add("postProcessing.lambda must be between 0.01 and 100, not " + lambda + ".");
        }
        if (minArea != null && minArea < 0) {
            out.add("postProcessing.minArea must be 0 or more, not " + minArea + ".");
        }
        if (maxArea != null && (maxArea < 1 || (minArea != null && maxArea < minArea))) {
            out.add("postProcessing.maxArea must be at least 1 and at least minArea, not " + maxArea + ".");
        }
        if (minCellProbability != null && !(minCellProbability >= 0 && minCellProbability <= 1)) {
            out.add("postProcessing.minCellProbability must be between 0 and 1, not " + minCellProbability + ".");
        }
        if (regrowth != null && (regrowth < 0 || regrowth > 10)) {
            out.add("postProcessing.regrowth must be between 0 and 10, not " + regrowth + ".");
        }
        return out;
    }
}
