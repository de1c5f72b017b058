package org.labscale.tracking.link;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Divisions the LAP steps leave unexplained, recovered by area conservation (the mass-conservation idea behind
 * Jaqaman et al. 2008's split costs, on areas instead of intensities). TrackMate's splitting needs the mother to go on
 * as one daughter and the other daughter to start a segment of at least two spots, so it misses a division when the
 * mother's track ends at the division (both daughters too unlike the mother for the area penalty of linking) or when a
 * daughter is seen in one frame only (the series' last). A spot with no predecessor in frame {@code t} (an orphan) is
 * made a daughter of a spot {@code P} of frame {@code t - 1} within {@code maxDistance}, or within
 * {@value #SIZE_REACH} of {@code P}'s equivalent radii ({@code sqrt(area / pi)}) when that is farther (a large mother,
 * often two daughters segmented as one, whose daughters come apart on either side of its centroid), when:
 * <ul>
 *   <li>{@code P} goes on into one spot {@code C} of frame {@code t} that shrank to at most {@value #SHRUNK} of
 *       {@code P}'s area, and the orphan's and {@code C}'s areas add up to {@value #MIN_RATIO}-{@value #MAX_RATIO}
 *       times {@code P}'s; or</li>
 *   <li>{@code P} has no successor and two orphans whose areas add up to that range.</li>
 * </ul>
 * Candidates are taken greedily by squared distance (the sum of both for a pair), each mother and orphan once.
 */
final class DivisionRecovery {

    static final double MIN_RATIO = 0.6;
    static final double MAX_RATIO = 1.6;
    static final double SHRUNK = 0.8;
    /** Daughters may lie this many of the mother's equivalent radii ({@code sqrt(area / pi)}) from it. */
    static final double SIZE_REACH = 1.25;

    private final double maxDistance2;

    DivisionRecovery(double maxDistance) {
        this.maxDistance2 = maxDistance * maxDistance;
    }

    private record Candidate(Spot mother, List<Spot> daughters, double cost) {
    }

    /** The splitting links to add to {@code links} (which are not changed). */
    List<Link> recover(List<Spot> spots, List<Link> links) {
        Map<Integer, Spot> byId = new HashMap<>();
        Map<Integer, List<Spot>> byFrame = new TreeMap<>();
        for (Spot s : spots) {
            byId.put(s.id(), s);
            byFrame.computeIfAbsent(s.frame(), f -> new ArrayList<>()).add(s);
        }
        Set<Integer> hasPredecessor = new HashSet<>();
        Map<Integer, List<Spot>> successors = new HashMap<>();
        for (Link link : links) {
            hasPredecessor.add(link.target());
            successors.computeIfAbsent(link.source(), k -> new ArrayList<>()).add(byId.get(link.target()));
        }
        List<Candidate> candidates = new ArrayList<>();
        byFrame.forEach((frame, inFrame) -> {
            List<Spot> orphans = inFrame.stream().filter(s -> !hasPredecessor.contains(s.id()) && known(s)).toList();
            List<Spot> mothers = byFrame.getOrDefault(frame - 1, List.of());
            if (orphans.isEmpty()) {
                return;
            }
            for (Spot mother : mothers) {
                List<Spot> next = successors.getOrDefault(mother.id(), List.of());
                if (!known(mother) || next.size() > 1) {
                    continue;
                }
                double reach2 = Math.max(maxDistance2, SIZE_REACH * SIZE_REACH * mother.area() / Math.PI);
                List<Spot> near = orphans.stream().filter(o -> mother.squareDistanceTo(o) <= reach2).toList();
                if (next.size() == 1) {
                    Spot kept = next.get(0);
                    if (kept.frame() != frame || !known(kept) || kept.area() > SHRUNK * mother.area()) {
                        continue;
                    }
                    for (Spot o : near) {
                        if (conserved(mother, kept.area() + o.area())) {
                            candidates.add(new Candidate(mother, List.of(o), mother.squareDistanceTo(o)));
                        }
                    }
                } else {
                    for (int i = 0; i < near.size(); i++) {
                        for (int j = i + 1; j < near.size(); j++) {
                            Spot a = near.get(i);
                            Spot b = near.get(j);
                            if (conserved(mother, a.area() + b.area())) {
                                candidates.add(new Candidate(mother, List.of(a, b),
                                        mother.squareDistanceTo(a) + mother.squareDistanceTo(b)));
                            }
                        }
                    }
                }
            }
        });
        candidates.sort(Comparator.comparingDouble(Candidate::cost)
                .thenComparingInt(c -> c.mother().id())
                .thenComparingInt(c -> c.daughters().get(0).id()));
        Set<Integer> used = new HashSet<>();
        List<Link> out = new ArrayList<>();
        for (Candidate c : candidates) {
            if (used.contains(c.mother().id()) || c.daughters().stream().anyMatch(d -> used.contains(d.id()))) {
                continue;
            }
            used.add(c.mother().id());
            for (Spot d : c.daughters()) {
                used.add(d.id());
                out.add(new Link(c.mother().id(), d.id(), c.mother().squareDistanceTo(d), Link.Kind.SPLITTING));
            }
        }
        return out;
    }

    private static boolean known(Spot s) {
        return s.area() > 0;
    }

    private static boolean conserved(Spot mother, double daughters) {
        double ratio = daughters / mother.area();
        return ratio >= MIN_RATIO && ratio <= MAX_RATIO;
    }
}
