package org.labscale.tracking.ctc;

import org.labscale.imaging.labels.LabelImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Cell Tracking Challenge's technical measures, from their published definitions: TRA and DET by the Acyclic
 * Oriented Graph Matching measure (Matula et al., "Cell tracking accuracy measurement based on comparison of acyclic
 * oriented graphs", PLoS ONE 10:e0144959, 2015; Ulman et al., Nature Methods 14:1141-1152, 2017) and SEG, the mean
 * Jaccard index of the reference objects (Maska et al., Bioinformatics 30:1609-1617, 2014).
 *
 * <p>A reference object is matched by the result object that covers more than half of it. AOGM sums the weighted
 * operations that turn the result graph into the reference: splitting a result object that matches {@code k > 1}
 * reference objects ({@code k - 1} times 5), adding a reference object nothing matches (10), deleting a result object
 * that matches nothing (1), deleting a result edge the reference lacks (1), adding a reference edge the result lacks
 * (1.5) and changing an edge's semantics between track link and parent link (1). Result edges touching an object that
 * matches no or several reference objects are left out (the vertex operations already paid for them); a result track
 * whose label is missing from a frame it spans has its edges there counted as redundant, as the CTC's evaluation does.
 * {@code TRA = 1 - min(AOGM, AOGM_0) / AOGM_0} with {@code AOGM_0} the cost of building the reference from nothing
 * (all its objects and edges added); DET likewise with the vertex operations only.
 */
public final class CtcMeasures {

    public static final double SPLIT = 5;
    public static final double FALSE_NEGATIVE = 10;
    public static final double FALSE_POSITIVE = 1;
    public static final double REDUNDANT_EDGE = 1;
    public static final double MISSING_EDGE = 1.5;
    public static final double WRONG_SEMANTICS = 1;

    private CtcMeasures() {
    }

    /** Counts of each graph operation. */
    public record Operations(int splits, int falseNegatives, int falsePositives, int redundantEdges,
                             int missingEdges, int wrongSemantics) {

        public double detectionCost() {
            return SPLIT * splits + FALSE_NEGATIVE * falseNegatives + FALSE_POSITIVE * falsePositives;
        }

        public double cost() {
            return detectionCost() + REDUNDANT_EDGE * redundantEdges + MISSING_EDGE * missingEdges
                    + WRONG_SEMANTICS * wrongSemantics;
        }
    }

    /**
     * @param tra        TRA in [0, 1]
     * @param det        DET in [0, 1]
     * @param aogm       AOGM, the cost of correcting the result
     * @param aogmEmpty  AOGM_0, the cost of building the reference from nothing
     * @param aogmD      AOGM-D, the detection part of AOGM
     * @param aogmDEmpty AOGM-D_0
     */
    public record TrackingScores(double tra, double det, double aogm, double aogmEmpty, double aogmD,
                                 double aogmDEmpty, Operations operations) {
    }

    /**
     * @throws IllegalArgumentException the sequences have different frame counts or sizes, or the reference is empty
     */
    public static TrackingScores tracking(CtcSequence reference, CtcSequence result) {
        if (reference.frames().isEmpty() || reference.tracks().isEmpty()) {
            throw new IllegalArgumentException("the reference has no frames or no tracks");
        }
        if (reference.frames().size() != result.frames().size()) {
            throw new IllegalArgumentException("the reference has " + reference.frames().size()
                    + " frames but the result " + result.frames().size());
        }
        List<FrameMatching> frames = new ArrayList<>();
        int splits = 0;
        int falseNegatives = 0;
        int falsePositives = 0;
        for (int t = 0; t < reference.frames().size(); t++) {
            FrameMatching m = new FrameMatching(reference.frames().get(t), result.frames().get(t), t);
            frames.add(m);
            for (int r : m.referenceLabels()) {
                if (m.resultOf(r) < 0) {
                    falseNegatives++;
                }
            }
            for (int s : m.resultLabels()) {
                int k = m.matchCount(s);
                if (k == 0) {
                    falsePositives++;
                } else {
                    splits += k - 1;
                }
            }
        }
        int[] edgeCounts = resultEdges(frames, reference.tracks(), result.tracks());
        int missing = missingEdges(frames, reference.tracks(), result.tracks());
        Operations ops = new Operations(splits, falseNegatives, falsePositives, edgeCounts[0], missing,
                edgeCounts[1]);

        int trackEdges = 0;
        int parentEdges = 0;
        for (CtcTrack t : reference.tracks().values()) {
            trackEdges += t.end() - t.begin();
            if (t.parent() > 0) {
                parentEdges++;
            }
        }
        int vertices = trackEdges + reference.tracks().size();
        double aogmDEmpty = FALSE_NEGATIVE * vertices;
        double aogmEmpty = aogmDEmpty + MISSING_EDGE * (trackEdges + parentEdges);
        double aogm = ops.cost();
        double aogmD = ops.detectionCost();
        return new TrackingScores(1 - Math.min(aogm, aogmEmpty) / aogmEmpty,
                1 - Math.min(aogmD, aogmDEmpty) / aogmDEmpty, aogm, aogmEmpty, aogmD, aogmDEmpty, ops);
    }

    /**
     * SEG: the mean over all reference objects of the Jaccard index with the result object that covers more than
     * half of it (0 when none does).
     *
     * @param references reference segmentations by frame (CTC references often cover only some frames)
     * @param results    the result masks, index = frame
     * @throws IllegalArgumentException there is no reference object, or a reference frame has no result
     */
    public static double seg(Map<Integer, LabelImage> references, List<LabelImage> results) {
        double sum = 0;
        int count = 0;
        for (Map.Entry<Integer, LabelImage> e : references.entrySet()) {
            int t = e.getKey();
            if (t < 0 || t >= results.size()) {
                throw new IllegalArgumentException("reference segmentation of frame " + t + " has no result mask");
            }
            FrameMatching m = new FrameMatching(e.getValue(), results.get(t), t);
            for (int r : m.referenceLabels()) {
                sum += m.jaccard(r);
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the reference segmentations hold no object");
        }
        return sum / count;
    }

    /** {redundant, wrong semantics} over the result's track and parent edges. */
    private static int[] resultEdges(List<FrameMatching> frames, Map<Integer, CtcTrack> gt,
                                     Map<Integer, CtcTrack> res) {
        int[] counts = new int[2];
        for (CtcTrack track : res.values()) {
            if (track.end() >= frames.size()) {
                throw new IllegalArgumentException("result track " + track.label() + " ends at frame " + track.end()
                        + " beyond the sequence's " + frames.size() + " frames");
            }
            if (track.parent() > 0) {
                CtcTrack parent = res.get(track.parent());
                classifyResultEdge(frames, gt, parent.end(), parent.label(), track.begin(), track.label(), true,
                        counts);
            }
            for (int t = track.begin(); t < track.end(); t++) {
                classifyResultEdge(frames, gt, t, track.label(), t + 1, track.label(), false, counts);
            }
        }
        return counts;
    }

    private static void classifyResultEdge(List<FrameMatching> frames, Map<Integer, CtcTrack> gt, int t1, int label1,
                                           int t2, int label2, boolean parental, int[] counts) {
        int g1 = referenceOfResult(frames.get(t1), label1);
        int g2 = referenceOfResult(frames.get(t2), label2);
        if (g1 == SKIP || g2 == SKIP) {
            return;
        }
        Boolean gtParental = referenceEdge(gt, t1, g1, t2, g2);
        if (gtParental == null) {
            counts[0]++;
        } else if (gtParental != parental) {
            counts[1]++;
        }
    }

    private static final int SKIP = -2;

    /** The one reference object a result object matches; -1 if the label is absent; SKIP if it matches 0 or >1. */
    private static int referenceOfResult(FrameMatching m, int label) {
        if (!m.hasResult(label)) {
            return -1;
        }
        return m.matchCount(label) == 1 ? m.onlyReferenceOf(label) : SKIP;
    }

    /** Whether the reference has the edge: null if not, else whether it is a parent link. */
    private static Boolean referenceEdge(Map<Integer, CtcTrack> gt, int t1, int g1, int t2, int g2) {
        if (g1 < 0 || g2 < 0) {
            return null;
        }
        if (g1 == g2) {
            return t1 + 1 == t2 ? Boolean.FALSE : null;
        }
        CtcTrack parent = gt.get(g1);
        CtcTrack child = gt.get(g2);
        if (parent != null && child != null && parent.end() == t1 && child.begin() == t2 && child.parent() == g1) {
            return Boolean.TRUE;
        }
        return null;
    }

    private static int missingEdges(List<FrameMatching> frames, Map<Integer, CtcTrack> gt,
                                    Map<Integer, CtcTrack> res) {
        int missing = 0;
        for (CtcTrack track : gt.values()) {
            if (track.end() >= frames.size()) {
                throw new IllegalArgumentException("reference track " + track.label() + " ends at frame "
                        + track.end() + " beyond the sequence's " + frames.size() + " frames");
            }
            if (track.parent() > 0) {
                CtcTrack parent = gt.get(track.parent());
                if (!resultEdge(frames, res, parent.end(), parent.label(), track.begin(), track.label())) {
                    missing++;
                }
            }
            for (int t = track.begin(); t < track.end(); t++) {
                if (!resultEdge(frames, res, t, track.label(), t + 1, track.label())) {
                    missing++;
                }
            }
        }
        return missing;
    }

    /** Whether the result links the objects matching two reference objects, each matching only that one. */
    private static boolean resultEdge(List<FrameMatching> frames, Map<Integer, CtcTrack> res, int t1, int g1, int t2,
                                      int g2) {
        FrameMatching m1 = frames.get(t1);
        FrameMatching m2 = frames.get(t2);
        int r1 = m1.resultOf(g1);
        int r2 = m2.resultOf(g2);
        if (r1 < 0 || r2 < 0 || m1.matchCount(r1) != 1 || m2.matchCount(r2) != 1) {
            return false;
        }
        if (r1 == r2) {
            return t1 + 1 == t2;
        }
        CtcTrack parent = res.get(r1);
        CtcTrack child = res.get(r2);
        return parent != null && child != null && parent.end() == t1 && child.begin() == t2 && child.parent() == r1;
    }
}
