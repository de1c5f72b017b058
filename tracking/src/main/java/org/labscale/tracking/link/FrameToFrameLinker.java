package org.labscale.tracking.link;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The first step of the LAP tracker: links the spots of each frame to those of the next by one assignment per frame
 * pair, as TrackMate's {@code SparseLAPFrameToFrameTracker}. Candidates are the pairs whose cost is below
 * {@code linkingMaxDistance²}; the cost of ending a track (or starting one) is {@code alternativeCostFactor} times
 * the largest candidate cost of the pair of frames.
 */
final class FrameToFrameLinker {

    private final LinkCost cost;
    private final double threshold;
    private final double maxDistance;
    private final double alternativeCostFactor;

    FrameToFrameLinker(TrackerSettings settings) {
        cost = new LinkCost(settings.linkingPenalties());
        maxDistance = settings.linkingMaxDistance();
        threshold = maxDistance * maxDistance;
        alternativeCostFactor = settings.alternativeCostFactor();
    }

    /** Links {@code sources} (one frame) to {@code targets} (the next frame present). */
    List<Link> link(Spot[] sources, Spot[] targets) {
        if (sources.length == 0 || targets.length == 0) {
            return List.of();
        }
        Spot[] src = sortedById(sources);
        Spot[] tgt = sortedById(targets);
        SpotIndex index = new SpotIndex(tgt, maxDistance);
        Candidates candidates = new Candidates(src.length * 4);
        for (int i = 0; i < src.length; i++) {
            Spot source = src[i];
            int row = i;
            index.within(source, maxDistance, k -> {
                double c = cost.cost(source, tgt[k]);
                if (c < threshold) {
                    candidates.add(row, k, c);
                }
            });
        }
        if (candidates.count == 0) {
            return List.of();
        }
        return candidates.solve(src, tgt, alternativeCostFactor * candidates.max(), Link.Kind.FRAME_TO_FRAME);
    }

    static Spot[] sortedById(Spot[] spots) {
        Spot[] sorted = spots.clone();
        Arrays.sort(sorted, Comparator.comparingInt(Spot::id));
        return sorted;
    }
}
