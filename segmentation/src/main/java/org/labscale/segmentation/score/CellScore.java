package org.labscale.segmentation.score;

/**
 * The score of one reference cell against the segmentation.
 *
 * @param referenceLabel its label in the reference mask
 * @param matchedLabel   the segmented cell with the largest overlap (0: none overlaps)
 * @param jaccard        |R∩S| / |R∪S| with that cell (0 when none)
 * @param dice           2|R∩S| / (|R| + |S|) (0 when none)
 */
public record CellScore(int referenceLabel, int matchedLabel, double jaccard, double dice) {
}
