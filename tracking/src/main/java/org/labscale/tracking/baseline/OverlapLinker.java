package org.labscale.tracking.baseline;

import org.labscale.imaging.labels.LabelImage;
import org.labscale.tracking.LabelFrame;
import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The naive baseline's linking: every object of a frame is linked to the object of the previous frame that it
 * overlaps most (ties to the lower label); an object that overlaps nothing starts a track. No costs, no gaps, no
 * assignment: two objects that overlap the same predecessor both link to it, which {@link org.labscale.tracking.Lineage}
 * then reads as a division.
 */
public final class OverlapLinker {

    private OverlapLinker() {
    }

    /**
     * @param frames consecutive frames (indices differing by one after sorting), all of one size
     * @param spots  the frames' spots as {@link org.labscale.tracking.SpotMeasurer} measures them
     */
    public static List<Link> link(List<LabelFrame> frames, List<Spot> spots) {
        Map<Long, Integer> spotOf = new HashMap<>();
        for (Spot s : spots) {
            spotOf.put(key(s.frame(), s.label()), s.id());
        }
        List<LabelFrame> ordered = new ArrayList<>(frames);
        ordered.sort((a, b) -> Integer.compare(a.frame(), b.frame()));
        List<Link> links = new ArrayList<>();
        for (int k = 1; k < ordered.size(); k++) {
            LabelFrame previous = ordered.get(k - 1);
            LabelFrame current = ordered.get(k);
            if (current.frame() != previous.frame() + 1) {
                throw new IllegalArgumentException("overlap linking needs consecutive frames, got " + previous.frame()
                        + " then " + current.frame());
            }
            int[] predecessor = greatestOverlap(current.labels(), previous.labels());
            for (int label = 1; label < predecessor.length; label++) {
                Integer target = spotOf.get(key(current.frame(), label));
                if (target != null && predecessor[label] > 0) {
                    int source = spotOf.get(key(previous.frame(), predecessor[label]));
                    links.add(new Link(source, target, 0, Link.Kind.FRAME_TO_FRAME));
                }
            }
        }
        return links;
    }

    /** For each label of {@code current}, the label of {@code previous} it shares most pixels with (0: none). */
    static int[] greatestOverlap(LabelImage current, LabelImage previous) {
        int[] cur = current.toArray();
        int[] prev = previous.toArray();
        Map<Long, Integer> overlap = new HashMap<>();
        for (int p = 0; p < cur.length; p++) {
            if (cur[p] > 0 && prev[p] > 0) {
                overlap.merge(key(cur[p], prev[p]), 1, Integer::sum);
            }
        }
        int[] best = new int[current.maxLabel() + 1];
        int[] bestCount = new int[best.length];
        for (Map.Entry<Long, Integer> e : overlap.entrySet()) {
            int c = (int) (e.getKey() >>> 32);
            int p = (int) (e.getKey() & 0xffffffffL);
            int n = e.getValue();
            if (n > bestCount[c] || (n == bestCount[c] && p < best[c])) {
                bestCount[c] = n;
                best[c] = p;
            }
        }
        return best;
    }

    private static long key(int high, int low) {
        return ((long) high << 32) | (low & 0xffffffffL);
    }
}
