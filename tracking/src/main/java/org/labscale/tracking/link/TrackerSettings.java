package org.labscale.tracking.link;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Settings of the LAP tracker, named as TrackMate names them. Distances are in pixels and costs are squared
 * distances times feature penalties (see {@link LinkCost}); each step accepts a candidate only within its distance.
 *
 * @param linkingMaxDistance    frame-to-frame: farthest a spot may move between consecutive frames
 * @param linkingPenalties      frame-to-frame feature penalties (feature to weight); empty for pure distance
 * @param gapClosing            whether a track may skip frames where its object was not detected
 * @param gapClosingMaxDistance farthest a track may move across a gap
 * @param maxFrameGap           the largest frame difference a gap-closing link may span (2 bridges one missed frame)
 * @param gapClosingPenalties   gap-closing feature penalties
 * @param splitting             whether a track may divide (a segment's start linked to another segment's middle)
 * @param splittingMaxDistance  farthest a daughter may be from its mother in the previous frame
 * @param splittingPenalties    splitting feature penalties
 * @param merging               whether two tracks may merge (TrackMate's merging; off for cells)
 * @param mergingMaxDistance    farthest a merging spot may be from the spot it merges into
 * @param mergingPenalties      merging feature penalties
 * @param alternativeCostFactor TrackMate's factor (default 1.05) on the cost of ending or starting a track instead
 *                              of linking: times the largest candidate cost between two frames, and times the
 *                              {@code cutoffPercentile} percentile of the candidate costs in the segment step
 * @param cutoffPercentile      the percentile (0-1] of the segment-step costs that sets its alternative cost
 * @param divisionRecovery      with splitting on: after the LAP steps, divisions they left unexplained are recovered
 *                              by area conservation ({@link DivisionRecovery}; not TrackMate's, off in its settings)
 * @param mergedDaughterFrames  with splitting on and the masks at hand: the most frames before a division in which
 *                              two daughters segmented as one object are parted again
 *                              ({@link org.labscale.tracking.daughters.MergedDaughters}); 0 for none (TrackMate's
 *                              settings)
 */
public record TrackerSettings(
        double linkingMaxDistance,
        Map<Feature, Double> linkingPenalties,
        boolean gapClosing,
        double gapClosingMaxDistance,
        int maxFrameGap,
        Map<Feature, Double> gapClosingPenalties,
        boolean splitting,
        double splittingMaxDistance,
        Map<Feature, Double> splittingPenalties,
        boolean merging,
        double mergingMaxDistance,
        Map<Feature, Double> mergingPenalties,
        double alternativeCostFactor,
        double cutoffPercentile,
        boolean divisionRecovery,
        int mergedDaughterFrames) {

    /** TrackMate's default factor on the alternative (track start or end) cost. */
    public static final double DEFAULT_ALTERNATIVE_COST_FACTOR = 1.05;
    /** {@link #mergedDaughterFrames} of {@link #nuclei()}: a thresholded pair of daughters stays one for 2-4. */
    public static final int NUCLEI_MERGED_DAUGHTER_FRAMES = 5;
    /** TrackMate's default percentile of the segment-step costs behind its alternative cost. */
    public static final double DEFAULT_CUTOFF_PERCENTILE = 0.9;

    /** Most frames {@link #mergedDaughterFrames} may be. */
    public static final int MAX_MERGED_DAUGHTER_FRAMES = 10;

    /** TrackMate's settings, without {@link #divisionRecovery} or {@link #mergedDaughterFrames}. */
    public TrackerSettings(double linkingMaxDistance, Map<Feature, Double> linkingPenalties, boolean gapClosing,
                           double gapClosingMaxDistance, int maxFrameGap, Map<Feature, Double> gapClosingPenalties,
                           boolean splitting, double splittingMaxDistance, Map<Feature, Double> splittingPenalties,
                           boolean merging, double mergingMaxDistance, Map<Feature, Double> mergingPenalties,
                           double alternativeCostFactor, double cutoffPercentile) {
        this(linkingMaxDistance, linkingPenalties, gapClosing, gapClosingMaxDistance, maxFrameGap,
                gapClosingPenalties, splitting, splittingMaxDistance, splittingPenalties, merging, mergingMaxDistance,
                mergingPenalties, alternativeCostFactor, cutoffPercentile, false, 0);
    }

    public TrackerSettings {
        linkingPenalties = penalties("linkingPenalties", linkingPenalties);
        gapClosingPenalties = penalties("gapClosingPenalties", gapClosingPenalties);
        splittingPenalties = penalties("splittingPenalties", splittingPenalties);
        mergingPenalties = penalties("mergingPenalties", mergingPenalties);
        positive("linkingMaxDistance", linkingMaxDistance);
        if (gapClosing) {
            positive("gapClosingMaxDistance", gapClosingMaxDistance);
            if (maxFrameGap < 1) {
                throw new IllegalArgumentException("maxFrameGap must be >= 1 when gap closing is on, was "
                        + maxFrameGap);
            }
        }
        if (splitting) {
            positive("splittingMaxDistance", splittingMaxDistance);
        }
        if (merging) {
            positive("mergingMaxDistance", mergingMaxDistance);
        }
        positive("alternativeCostFactor", alternativeCostFactor);
        if (!(cutoffPercentile > 0 && cutoffPercentile <= 1)) {
            throw new IllegalArgumentException("cutoffPercentile must be in (0, 1], was " + cutoffPercentile);
        }
        if (mergedDaughterFrames < 0 || mergedDaughterFrames > MAX_MERGED_DAUGHTER_FRAMES) {
            throw new IllegalArgumentException("mergedDaughterFrames must be 0 (off) to " + MAX_MERGED_DAUGHTER_FRAMES
                    + ", was " + mergedDaughterFrames);
        }
    }

    /**
     * Frame-to-frame linking only, within {@code maxDistance}, with TrackMate's alternative-cost defaults; switch the
     * segment step on with the {@code with...} methods.
     */
    public static TrackerSettings linkingOnly(double maxDistance) {
        return new TrackerSettings(maxDistance, Map.of(), false, maxDistance, 2, Map.of(), false, maxDistance,
                Map.of(), false, maxDistance, Map.of(), DEFAULT_ALTERNATIVE_COST_FACTOR, DEFAULT_CUTOFF_PERCENTILE);
    }

    /**
     * Defaults for fluorescent nuclei of mammalian cells (about 20-40 px across, as in the Cell Tracking Challenge's
     * GOWT1 and SIM+ sequences): links up to 30 px with an area penalty of 0.3 (a nucleus keeps its size between
     * frames), gaps of one missed frame closed up to 30 px, divisions up to 30 px (with {@link #divisionRecovery}),
     * daughters merged in up to {@value #NUCLEI_MERGED_DAUGHTER_FRAMES} frames before their division parted, no
     * merging.
     */
    public static TrackerSettings nuclei() {
        Map<Feature, Double> area = Map.of(Feature.AREA, 0.3);
        return new TrackerSettings(30, area, true, 30, 2, area, true, 30, Map.of(), false, 30, Map.of(),
                DEFAULT_ALTERNATIVE_COST_FACTOR, DEFAULT_CUTOFF_PERCENTILE, true, NUCLEI_MERGED_DAUGHTER_FRAMES);
    }

    /**
     * Defaults for bacteria in micro-colonies (phase contrast, a few hundred px per cell, dense, dividing every few
     * frames, barely moving): links up to 10 px without feature penalties (a cell's area halves when it divides),
     * no gap closing across frames of a dense colony, divisions up to 10 px, no merging.
     */
    public static TrackerSettings bacteria() {
        return new TrackerSettings(10, Map.of(), false, 10, 2, Map.of(), true, 10, Map.of(), false, 10, Map.of(),
                DEFAULT_ALTERNATIVE_COST_FACTOR, DEFAULT_CUTOFF_PERCENTILE);
    }

    public TrackerSettings withGapClosing(double maxDistance, int frameGap) {
        return new TrackerSettings(linkingMaxDistance, linkingPenalties, true, maxDistance, frameGap,
                gapClosingPenalties, splitting, splittingMaxDistance, splittingPenalties, merging, mergingMaxDistance,
                mergingPenalties, alternativeCostFactor, cutoffPercentile, divisionRecovery, mergedDaughterFrames);
    }

    public TrackerSettings withSplitting(double maxDistance) {
        return new TrackerSettings(linkingMaxDistance, linkingPenalties, gapClosing, gapClosingMaxDistance,
                maxFrameGap, gapClosingPenalties, true, maxDistance, splittingPenalties, merging, mergingMaxDistance,
                mergingPenalties, alternativeCostFactor, cutoffPercentile, divisionRecovery, mergedDaughterFrames);
    }

    public TrackerSettings withMerging(double maxDistance) {
        return new TrackerSettings(linkingMaxDistance, linkingPenalties, gapClosing, gapClosingMaxDistance,
                maxFrameGap, gapClosingPenalties, splitting, splittingMaxDistance, splittingPenalties, true,
                maxDistance, mergingPenalties, alternativeCostFactor, cutoffPercentile, divisionRecovery,
                mergedDaughterFrames);
    }

    public TrackerSettings withLinkingPenalties(Map<Feature, Double> penalties) {
        return new TrackerSettings(linkingMaxDistance, penalties, gapClosing, gapClosingMaxDistance, maxFrameGap,
                gapClosingPenalties, splitting, splittingMaxDistance, splittingPenalties, merging, mergingMaxDistance,
                mergingPenalties, alternativeCostFactor, cutoffPercentile, divisionRecovery, mergedDaughterFrames);
    }

    /** These settings with {@link #divisionRecovery} on or off. */
    public TrackerSettings withDivisionRecovery(boolean on) {
        return new TrackerSettings(linkingMaxDistance, linkingPenalties, gapClosing, gapClosingMaxDistance,
                maxFrameGap, gapClosingPenalties, splitting, splittingMaxDistance, splittingPenalties, merging,
                mergingMaxDistance, mergingPenalties, alternativeCostFactor, cutoffPercentile, on,
                mergedDaughterFrames);
    }

    /** These settings parting merged daughters in up to {@code frames} frames (0: not at all). */
    public TrackerSettings withMergedDaughterFrames(int frames) {
        return new TrackerSettings(linkingMaxDistance, linkingPenalties, gapClosing, gapClosingMaxDistance,
                maxFrameGap, gapClosingPenalties, splitting, splittingMaxDistance, splittingPenalties, merging,
                mergingMaxDistance, mergingPenalties, alternativeCostFactor, cutoffPercentile, divisionRecovery,
                frames);
    }

    /** Whether the segment step (gap closing, splitting, merging) has anything to do. */
    public boolean segmentStep() {
        return gapClosing || splitting || merging;
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, was " + value);
        }
    }

    private static Map<Feature, Double> penalties(String name, Map<Feature, Double> penalties) {
        if (penalties == null) {
            return Map.of();
        }
        Map<Feature, Double> copy = new EnumMap<>(Feature.class);
        penalties.forEach((feature, weight) -> {
            if (feature == null || weight == null || !(weight >= 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException(name + ": every penalty needs a feature and a finite weight"
                        + " >= 0, was " + feature + " = " + weight);
            }
            copy.put(feature, weight);
        });
        // Enum order, not Map.copyOf's randomised order: penalties are summed in the same order in every run.
        return Collections.unmodifiableMap(copy);
    }
}
