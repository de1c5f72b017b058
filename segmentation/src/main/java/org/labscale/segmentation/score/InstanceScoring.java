package org.labscale.segmentation.score;

import org.labscale.imaging.labels.LabelImage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a label mask against a reference label mask, from one pass that counts the overlap of every (reference,
 * segmented) pair of cells.
 * <ul>
 *   <li>Per reference cell R (Van Valen et al. 2016): the segmented cell S with the largest overlap is its match;
 *       Jaccard |R∩S|/|R∪S|, Dice 2|R∩S|/(|R|+|S|); 0 when nothing overlaps R. Ties go to the lower label.</li>
 *   <li>Object F1 at IoU 0.5: a pair with IoU above 0.5 is a true positive (such pairs are necessarily one-to-one);
 *       unmatched segmented cells are false positives, unmatched reference cells false negatives.</li>
 *   <li>SEG of the Cell Tracking Challenge (Maška et al., Bioinformatics 30(11), 2014; Ulman et al., Nature Methods
 *       14, 2017): for each reference cell, the Jaccard index with the segmented cell that covers more than half of
 *       it, else 0; averaged over reference cells.</li>
 *   <li>Merged pairs (issue 20, for densely packed cells such as bacteria): of the pairs of reference cells that lie
 *       within {@value #NEIGHBOUR_DISTANCE} px of each other (Chebyshev distance between their pixels), those that
 *       one segmented cell covers, more than half of each.</li>
 * </ul>
 * Reference labels need not be consecutive; binary references must be split into cells first
 * ({@link ReferenceCells}).
 */
public final class InstanceScoring {

    /**
     * Reference cells this close (px) are neighbours: hand-made masks separate touching cells by a boundary line of
     * 1-2 px, so cells a segmentation could merge are at most 2 px apart.
     */
    public static final int NEIGHBOUR_DISTANCE = 2;

    private InstanceScoring() {
    }

    public static ImageScores score(LabelImage reference, LabelImage segmented) {
        if (reference.width() != segmented.width() || reference.height() != segmented.height()) {
            throw new IllegalArgumentException("the reference is " + reference.width() + " x " + reference.height()
                    + " but the segmentation " + segmented.width() + " x " + segmented.height());
        }
        int[] ref = reference.toArray();
        int[] seg = segmented.toArray();
        int[] refArea = new int[reference.maxLabel() + 1];
        int[] segArea = new int[segmented.maxLabel() + 1];
        Map<Long, int[]> overlap = new HashMap<>();
        for (int i = 0; i < ref.length; i++) {
            refArea[ref[i]]++;
            segArea[seg[i]]++;
            if (ref[i] != 0 && seg[i] != 0) {
                overlap.computeIfAbsent(((long) ref[i] << 32) | seg[i], k -> new int[1])[0]++;
            }
        }
        int[] bestSeg = new int[refArea.length];
        int[] bestOverlap = new int[refArea.length];
        int truePositives = 0;
        double[] segScore = new double[refArea.length];
        int[] cover = new int[refArea.length];
        for (Map.Entry<Long, int[]> e : overlap.entrySet()) {
            int r = (int) (e.getKey() >>> 32);
            int s = (int) (long) e.getKey();
            int o = e.getValue()[0];
            if (o > bestOverlap[r] || (o == bestOverlap[r] && s < bestSeg[r])) {
                bestOverlap[r] = o;
                bestSeg[r] = s;
            }
            double iou = (double) o / (refArea[r] + segArea[s] - o);
            if (iou > 0.5) {
                truePositives++;
            }
            if (2L * o > refArea[r]) {
                segScore[r] = iou;
                cover[r] = s;
            }
        }
        List<CellScore> cells = new ArrayList<>();
        double jaccard = 0;
        double dice = 0;
        double segSum = 0;
        for (int r = 1; r < refArea.length; r++) {
            if (refArea[r] == 0) {
                continue;
            }
            int s = bestSeg[r];
            int o = bestOverlap[r];
            double j = s == 0 ? 0 : (double) o / (refArea[r] + segArea[s] - o);
            double d = s == 0 ? 0 : 2.0 * o / (refArea[r] + segArea[s]);
            cells.add(new CellScore(r, s, j, d));
            jaccard += j;
            dice += d;
            segSum += segScore[r];
        }
        int refs = cells.size();
        int segs = 0;
        for (int s = 1; s < segArea.length; s++) {
            segs += segArea[s] > 0 ? 1 : 0;
        }
        Set<Long> neighbours = neighbourPairs(ref, reference.width(), reference.height());
        int merged = 0;
        for (long pair : neighbours) {
            int a = (int) (pair >>> 32);
            int b = (int) pair;
            if (cover[a] != 0 && cover[a] == cover[b]) {
                merged++;
            }
        }
        return ImageScores.of(refs, segs, refs == 0 ? 0 : jaccard / refs, refs == 0 ? 0 : dice / refs,
                truePositives, refs == 0 ? 0 : segSum / refs, neighbours.size(), merged, cells);
    }

    /** Pairs (lower label in the high half) of distinct reference labels within {@link #NEIGHBOUR_DISTANCE} px. */
    private static Set<Long> neighbourPairs(int[] ref, int width, int height) {
        Set<Long> pairs = new HashSet<>();
        int d = NEIGHBOUR_DISTANCE;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int a = ref[y * width + x];
                if (a == 0) {
                    continue;
                }
                // Forward half of the (2d+1)^2 window: every unordered pixel pair is seen once.
                for (int dy = 0; dy <= d && y + dy < height; dy++) {
                    for (int dx = dy == 0 ? 1 : -d; dx <= d; dx++) {
                        int nx = x + dx;
                        if (nx < 0 || nx >= width) {
                            continue;
                        }
                        int b = ref[(y + dy) * width + nx];
                        if (b != 0 && b != a) {
                            pairs.add(((long) Math.min(a, b) << 32) | Math.max(a, b));
                        }
                    }
                }
            }
        }
        return pairs;
    }
}
