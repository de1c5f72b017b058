package org.labscale.training.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.labscale.imaging.labels.LabelImage;

/**
 * Sorts a segmentation's false objects (segmented cells without a one-to-one match at IoU above 0.5) for the
 * benchmarks' reports, so a filter can be aimed at what they are: <i>outside</i> (under a tenth of the object lies on
 * reference cells: debris, or a real cell the reference leaves out), <i>extra piece</i> (it overlaps a reference cell
 * that another object matches: a fragment or an over-split), <i>unmatched</i> (it overlaps a reference cell nothing
 * matches: a merge or a poor outline). Each group is counted with how many touch the image border, how many are under a
 * third of the median reference cell's area, and how many have a mean interior probability under 0.8; and how many
 * unmatched reference cells the segmentation split into two or more objects.
 */
final class FalseObjects {

    private final int[] counts = new int[3];
    private final int[] border = new int[3];
    private final int[] small = new int[3];
    private final int[] unsure = new int[3];
    private int segmented;
    private int unmatchedReferences;
    private int splitReferences;
    private int splitPieces;

    /** Adds one image: reference and segmented labels, the interior probability per pixel. */
    void add(LabelImage reference, LabelImage cells, float[] interior) {
        int w = cells.width();
        int h = cells.height();
        int[] ref = reference.toArray();
        int[] seg = cells.toArray();
        int[] refArea = new int[reference.maxLabel() + 1];
        int[] segArea = new int[cells.maxLabel() + 1];
        int[] onRef = new int[segArea.length];
        double[] prob = new double[segArea.length];
        boolean[] touches = new boolean[segArea.length];
        Map<Long, Integer> overlap = new HashMap<>();
        for (int i = 0; i < ref.length; i++) {
            refArea[ref[i]]++;
            segArea[seg[i]]++;
            prob[seg[i]] += interior[i];
            int x = i % w;
            int y = i / w;
            if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
                touches[seg[i]] = true;
            }
            if (ref[i] != 0 && seg[i] != 0) {
                onRef[seg[i]]++;
                overlap.merge(((long) ref[i] << 32) | seg[i], 1, Integer::sum);
            }
        }
        boolean[] segMatched = new boolean[segArea.length];
        boolean[] refMatched = new boolean[refArea.length];
        for (Map.Entry<Long, Integer> e : overlap.entrySet()) {
            int r = (int) (e.getKey() >>> 32);
            int s = (int) (long) e.getKey();
            if ((double) e.getValue() / (refArea[r] + segArea[s] - e.getValue()) > 0.5) {
                segMatched[s] = true;
                refMatched[r] = true;
            }
        }
        // Unmatched reference cells that hold two or more segmented objects (each mostly inside it): a reference blob
        // the segmentation splits, e.g. touching nuclei that a binary reference does not separate.
        int[] inside = new int[refArea.length];
        for (Map.Entry<Long, Integer> e : overlap.entrySet()) {
            int r = (int) (e.getKey() >>> 32);
            int s = (int) (long) e.getKey();
            if (!refMatched[r] && 2L * e.getValue() > segArea[s]) {
                inside[r]++;
            }
        }
        for (int r = 1; r < refArea.length; r++) {
            if (refArea[r] > 0 && !refMatched[r]) {
                unmatchedReferences++;
                if (inside[r] >= 2) {
                    splitReferences++;
                    splitPieces += inside[r];
                }
            }
        }
        boolean[] piece = new boolean[segArea.length];
        for (Map.Entry<Long, Integer> e : overlap.entrySet()) {
            int r = (int) (e.getKey() >>> 32);
            int s = (int) (long) e.getKey();
            piece[s] |= refMatched[r];
        }
        int[] areas = Arrays.stream(refArea, 1, refArea.length).filter(a -> a > 0).sorted().toArray();
        int median = areas.length == 0 ? 1 : areas[areas.length / 2];
        for (int s = 1; s < segArea.length; s++) {
            if (segArea[s] == 0) {
                continue;
            }
            segmented++;
            if (segMatched[s]) {
                continue;
            }
            int group = onRef[s] * 10 < segArea[s] ? 0 : piece[s] ? 1 : 2;
            counts[group]++;
            border[group] += touches[s] ? 1 : 0;
            small[group] += segArea[s] * 3 < median ? 1 : 0;
            unsure[group] += prob[s] / segArea[s] < 0.8 ? 1 : 0;
        }
    }

    @Override
    public String toString() {
        String[] names = {"outside the reference", "extra pieces of matched cells", "on unmatched cells"};
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "false objects %d of %d segmented:",
                counts[0] + counts[1] + counts[2], segmented));
        for (int g = 0; g < 3; g++) {
            out.append(String.format(Locale.ROOT, " %s %d (border %d, < 1/3 median area %d, mean interior < 0.8 %d);",
                    names[g], counts[g], border[g], small[g], unsure[g]));
        }
        out.append(String.format(Locale.ROOT, " %d reference cells unmatched, %d of them split into %d objects",
                unmatchedReferences, splitReferences, splitPieces));
        return out.toString();
    }
}
