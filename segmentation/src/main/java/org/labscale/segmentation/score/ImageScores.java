package org.labscale.segmentation.score;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores of one image (or pooled over images).
 *
 * @param referenceCells   cells in the reference
 * @param segmentedCells   cells in the segmentation
 * @param meanJaccard      mean per-reference-cell Jaccard index (Van Valen et al. 2016)
 * @param meanDice         mean per-reference-cell Dice index
 * @param truePositives    one-to-one matches with IoU above 0.5
 * @param precision        TP / segmented cells (1 when there are none)
 * @param recall           TP / reference cells (1 when there are none)
 * @param f1               object F1 at IoU 0.5: 2TP / (2TP + FP + FN)
 * @param seg              Cell Tracking Challenge SEG: mean over reference cells of the Jaccard index with the
 *                         segmented cell covering more than half of it, 0 when none does
 * @param neighbourPairs   pairs of reference cells that lie within {@link InstanceScoring#NEIGHBOUR_DISTANCE} px
 *                         of each other: the pairs a segmentation could merge
 * @param mergedPairs      neighbouring reference pairs covered by one segmented cell (it covers more than half of
 *                         each): touching cells the segmentation failed to separate
 * @param cells            per reference cell (empty when pooled)
 */
public record ImageScores(int referenceCells, int segmentedCells, double meanJaccard, double meanDice,
                          int truePositives, double precision, double recall, double f1, double seg,
                          int neighbourPairs, int mergedPairs, List<CellScore> cells) {

    /**
     * Segmented cells per reference cell (1: as many as the reference; above: extra objects, which per-cell Jaccard
     * does not see); 0 without reference cells.
     */
    public double countRatio() {
        return referenceCells == 0 ? 0 : (double) segmentedCells / referenceCells;
    }

    /** Merged pairs per neighbouring reference pair (0 without neighbouring pairs). */
    public double mergedPairFraction() {
        return neighbourPairs == 0 ? 0 : (double) mergedPairs / neighbourPairs;
    }

    /** Pools images: cell-weighted means, F1 from summed counts. */
    public static ImageScores pool(List<ImageScores> images) {
        int refs = 0;
        int segs = 0;
        int tp = 0;
        double jaccard = 0;
        double dice = 0;
        double seg = 0;
        int neighbours = 0;
        int merged = 0;
        for (ImageScores s : images) {
            neighbours += s.neighbourPairs;
            merged += s.mergedPairs;
            refs += s.referenceCells;
            segs += s.segmentedCells;
            tp += s.truePositives;
            jaccard += s.meanJaccard * s.referenceCells;
            dice += s.meanDice * s.referenceCells;
            seg += s.seg * s.referenceCells;
        }
        return of(refs, segs, refs == 0 ? 0 : jaccard / refs, refs == 0 ? 0 : dice / refs, tp,
                refs == 0 ? 0 : seg / refs, neighbours, merged, List.of());
    }

    static ImageScores of(int refs, int segs, double jaccard, double dice, int tp, double seg, int neighbourPairs,
                          int mergedPairs, List<CellScore> cells) {
        int fp = segs - tp;
        int fn = refs - tp;
        double precision = segs == 0 ? 1 : (double) tp / segs;
        double recall = refs == 0 ? 1 : (double) tp / refs;
        double f1 = refs + segs == 0 ? 1 : 2.0 * tp / (2.0 * tp + fp + fn);
        return new ImageScores(refs, segs, jaccard, dice, tp, precision, recall, f1, seg, neighbourPairs,
                mergedPairs, new ArrayList<>(cells));
    }
}
