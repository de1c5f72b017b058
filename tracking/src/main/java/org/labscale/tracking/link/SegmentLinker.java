package org.labscale.tracking.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The second step of the LAP tracker: links the track segments of the first step by one global assignment, as
 * TrackMate's {@code SegmentTracker} with its {@code JaqamanSegmentCostMatrixCreator}.
 *
 * <p>A segment is a chain of at least two spots linked frame to frame (TrackMate leaves lone spots out of this step);
 * its first spot is its start, its last its end, the others its middles. Candidates, each accepted at a cost of at
 * most its step's squared maximal distance:
 * <ul>
 *   <li>gap closing: an end to a start 1 to {@code maxFrameGap} frames later;</li>
 *   <li>merging: an end to a middle of the next frame;</li>
 *   <li>splitting: a middle to a start of the next frame.</li>
 * </ul>
 * Rows are the ends and middles with a candidate, columns the starts and middles with one; the cost of leaving any of
 * them unlinked is {@code alternativeCostFactor} times the {@code cutoffPercentile} percentile of all candidate costs.
 */
final class SegmentLinker {

    private final TrackerSettings settings;

    SegmentLinker(TrackerSettings settings) {
        this.settings = settings;
    }

    List<Link> link(Spot[] spots, List<Link> frameLinks) {
        Map<Integer, Integer> position = new HashMap<>(spots.length * 2);
        for (int p = 0; p < spots.length; p++) {
            position.put(spots[p].id(), p);
        }
        int[] successor = new int[spots.length];
        int[] predecessor = new int[spots.length];
        Arrays.fill(successor, -1);
        Arrays.fill(predecessor, -1);
        for (Link link : frameLinks) {
            int s = position.get(link.source());
            int t = position.get(link.target());
            successor[s] = t;
            predecessor[t] = s;
        }
        List<Spot> starts = new ArrayList<>();
        List<Spot> ends = new ArrayList<>();
        List<Spot> middles = new ArrayList<>();
        for (int p = 0; p < spots.length; p++) {
            if (predecessor[p] >= 0 || successor[p] < 0) {
                continue;
            }
            starts.add(spots[p]);
            int q = successor[p];
            while (successor[q] >= 0) {
                middles.add(spots[q]);
                q = successor[q];
            }
            ends.add(spots[q]);
        }
        List<Spot> rowSpots = new ArrayList<>(ends);
        List<Spot> colSpots = new ArrayList<>(starts);
        if (settings.splitting()) {
            rowSpots.addAll(middles);
        }
        if (settings.merging()) {
            colSpots.addAll(middles);
        }
        Spot[] rows = FrameToFrameLinker.sortedById(rowSpots.toArray(new Spot[0]));
        Spot[] cols = FrameToFrameLinker.sortedById(colSpots.toArray(new Spot[0]));
        Map<Integer, Integer> colPosition = new HashMap<>(cols.length * 2);
        for (int c = 0; c < cols.length; c++) {
            colPosition.put(cols[c].id(), c);
        }
        double startRadius = Math.max(settings.gapClosing() ? settings.gapClosingMaxDistance() : 0,
                settings.splitting() ? settings.splittingMaxDistance() : 0);
        ByFrame startsByFrame = new ByFrame(starts, colPosition, startRadius);
        ByFrame middlesByFrame = new ByFrame(settings.merging() ? middles : List.of(), colPosition,
                settings.mergingMaxDistance());
        Set<Integer> endIds = ids(ends);

        Candidates candidates = new Candidates(rows.length * 4);
        Map<Integer, Link.Kind> kinds = new HashMap<>();
        for (int r = 0; r < rows.length; r++) {
            Spot source = rows[r];
            if (endIds.contains(source.id())) {
                if (settings.gapClosing()) {
                    for (int gap = 1; gap <= settings.maxFrameGap(); gap++) {
                        startsByFrame.collect(source, source.frame() + gap, settings.gapClosingMaxDistance(),
                                new LinkCost(settings.gapClosingPenalties()), r, candidates);
                    }
                }
                if (settings.merging()) {
                    middlesByFrame.collect(source, source.frame() + 1, settings.mergingMaxDistance(),
                            new LinkCost(settings.mergingPenalties()), r, candidates);
                }
            } else {
                startsByFrame.collect(source, source.frame() + 1, settings.splittingMaxDistance(),
                        new LinkCost(settings.splittingPenalties()), r, candidates);
            }
        }
        if (candidates.count == 0) {
            return List.of();
        }
        double alternative = settings.alternativeCostFactor() * candidates.percentile(settings.cutoffPercentile());
        Set<Integer> startIds = ids(starts);
        List<Link> links = new ArrayList<>();
        for (Link link : candidates.solve(rows, cols, alternative, Link.Kind.GAP_CLOSING)) {
            boolean fromEnd = endIds.contains(link.source());
            boolean toStart = startIds.contains(link.target());
            Link.Kind kind = fromEnd ? (toStart ? Link.Kind.GAP_CLOSING : Link.Kind.MERGING) : Link.Kind.SPLITTING;
            links.add(new Link(link.source(), link.target(), link.cost(), kind));
        }
        return links;
    }

    private static Set<Integer> ids(List<Spot> spots) {
        Set<Integer> ids = new HashSet<>(spots.size() * 2);
        for (Spot s : spots) {
            ids.add(s.id());
        }
        return ids;
    }

    /** Candidate targets (starts or middles) of each frame, indexed by position. */
    private static final class ByFrame {
        private final Map<Integer, Spot[]> spots = new TreeMap<>();
        private final Map<Integer, SpotIndex> indices = new HashMap<>();
        private final Map<Integer, int[]> columns = new HashMap<>();

        ByFrame(List<Spot> all, Map<Integer, Integer> colPosition, double radius) {
            Map<Integer, List<Spot>> grouped = new TreeMap<>();
            for (Spot s : all) {
                grouped.computeIfAbsent(s.frame(), f -> new ArrayList<>()).add(s);
            }
            grouped.forEach((frame, list) -> {
                Spot[] array = list.toArray(new Spot[0]);
                int[] cols = new int[array.length];
                for (int k = 0; k < array.length; k++) {
                    cols[k] = colPosition.get(array[k].id());
                }
                spots.put(frame, array);
                indices.put(frame, new SpotIndex(array, radius));
                columns.put(frame, cols);
            });
        }

        void collect(Spot source, int frame, double maxDistance, LinkCost cost, int row,
                     Candidates candidates) {
            SpotIndex index = indices.get(frame);
            if (index == null) {
                return;
            }
            Spot[] array = spots.get(frame);
            int[] cols = columns.get(frame);
            double threshold = maxDistance * maxDistance;
            index.within(source, maxDistance, k -> {
                double c = cost.cost(source, array[k]);
                if (c <= threshold) {
                    candidates.add(row, cols[k], c);
                }
            });
        }
    }
}
