package org.labscale.tracking.ctc;

import org.labscale.imaging.labels.LabelImage;

import java.util.HashMap;
import java.util.Map;

/**
 * The CTC's correspondence of one frame: a reference object is matched by the result object that covers more than half
 * of its pixels (at most one can). Also counts the pixels of each object and of each overlap, for SEG.
 */
final class FrameMatching {

    private final Map<Integer, Integer> referenceSize = new HashMap<>();
    private final Map<Integer, Integer> resultSize = new HashMap<>();
    private final Map<Long, Integer> overlap = new HashMap<>();
    private final Map<Integer, Integer> referenceToResult = new HashMap<>();
    private final Map<Integer, Integer> resultMatchCount = new HashMap<>();

    FrameMatching(LabelImage reference, LabelImage result, int frame) {
        if (reference.width() != result.width() || reference.height() != result.height()) {
            throw new IllegalArgumentException("frame " + frame + ": the reference is " + reference.width() + "x"
                    + reference.height() + " but the result " + result.width() + "x" + result.height());
        }
        int[] ref = reference.toArray();
        int[] res = result.toArray();
        for (int p = 0; p < ref.length; p++) {
            if (ref[p] > 0) {
                referenceSize.merge(ref[p], 1, Integer::sum);
                if (res[p] > 0) {
                    overlap.merge(key(ref[p], res[p]), 1, Integer::sum);
                }
            }
            if (res[p] > 0) {
                resultSize.merge(res[p], 1, Integer::sum);
            }
        }
        for (Map.Entry<Long, Integer> e : overlap.entrySet()) {
            int r = (int) (e.getKey() >>> 32);
            int s = (int) (e.getKey() & 0xffffffffL);
            if (2L * e.getValue() > referenceSize.get(r)) {
                referenceToResult.put(r, s);
                resultMatchCount.merge(s, 1, Integer::sum);
            }
        }
    }

    private static long key(int referenceLabel, int resultLabel) {
        return ((long) referenceLabel << 32) | (resultLabel & 0xffffffffL);
    }

    Iterable<Integer> referenceLabels() {
        return referenceSize.keySet();
    }

    Iterable<Integer> resultLabels() {
        return resultSize.keySet();
    }

    boolean hasResult(int label) {
        return resultSize.containsKey(label);
    }

    /** The result label matching a reference object, or -1. */
    int resultOf(int referenceLabel) {
        return referenceToResult.getOrDefault(referenceLabel, -1);
    }

    /** How many reference objects a result object matches. */
    int matchCount(int resultLabel) {
        return resultMatchCount.getOrDefault(resultLabel, 0);
    }

    /** The reference label matched by a result object that matches exactly one, or -1. */
    int onlyReferenceOf(int resultLabel) {
        if (matchCount(resultLabel) != 1) {
            return -1;
        }
        for (Map.Entry<Integer, Integer> e : referenceToResult.entrySet()) {
            if (e.getValue() == resultLabel) {
                return e.getKey();
            }
        }
        return -1;
    }

    /** Jaccard index of a reference object and its matching result object; 0 when unmatched. */
    double jaccard(int referenceLabel) {
        int s = resultOf(referenceLabel);
        if (s < 0) {
            return 0;
        }
        int intersection = overlap.get(key(referenceLabel, s));
        return (double) intersection / (referenceSize.get(referenceLabel) + resultSize.get(s) - intersection);
    }
}
